#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a theme file's text with a size limit, refusing what is not a regular UTF-8 file.
enum ThemeFileReader {
    static func text(atPath path: String, maximumSize: Int) throws(ThemeError) -> String {
        // O_NONBLOCK: opening a FIFO must not wait for a writer; it is refused below.
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { throw .unreadable(path: path, reason: "cannot open: \(errorText())") }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw .unreadable(path: path, reason: "cannot stat: \(errorText())") }
        guard info.st_mode & S_IFMT == S_IFREG else { throw .unreadable(path: path, reason: "not a regular file") }
        var bytes = [UInt8](repeating: 0, count: maximumSize + 1)
        var count = 0
        while count < bytes.count {
            let got = bytes.withUnsafeMutableBytes { buffer in
                read(fd, buffer.baseAddress! + count, buffer.count - count)
            }
            if got < 0 {
                if errno == EINTR { continue }
                throw .unreadable(path: path, reason: "cannot read: \(errorText())")
            }
            if got == 0 { break }
            count += got
        }
        guard count <= maximumSize else {
            throw .unreadable(path: path, reason: "larger than \(maximumSize / 1024) KiB; not a theme file")
        }
        guard let text = String(validating: bytes[..<count], as: UTF8.self) else {
            throw .unreadable(path: path, reason: "not UTF-8 text")
        }
        return text
    }

    private static func errorText() -> String {
        String(cString: strerror(errno))
    }
}

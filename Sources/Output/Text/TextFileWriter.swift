#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import EventModel

/// Writes a new text file whole: never over an existing one (O_EXCL), every byte checked, and
/// a file left half written is removed.
public enum TextFileWriter {
    public static func create(_ path: String, text: String) throws(DataError) {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw DataError(.io, "\(path): \(String(cString: strerror(errno)))") }
        var failure: Int32 = 0
        var bytes = Array(text.utf8)
        bytes.withUnsafeMutableBytes { buffer in
            var done = 0
            while done < buffer.count {
                let n = write(fd, buffer.baseAddress! + done, buffer.count - done)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                done += n
            }
        }
        if close(fd) != 0, failure == 0 { failure = errno }
        if failure != 0 {
            unlink(path)
            throw DataError(.io, "\(path): \(String(cString: strerror(failure)))")
        }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import EventModel

/// A small text file read whole, with the system's reason when it cannot be.
enum TextFile {
    static let maxBytes = 1 << 20

    static func contents(of path: String) throws(DataError) -> String {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw .io("\(path): cannot read: \(DataError.systemReason)") }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            guard n >= 0 else { throw .io("\(path): cannot read: \(DataError.systemReason)") }
            if n == 0 { break }
            bytes += buffer[..<n]
            guard bytes.count <= maxBytes else { throw .io("\(path): larger than 1 MiB: not a config file") }
        }
        guard let text = String(validating: bytes, as: UTF8.self) else { throw .io("\(path): not UTF-8 text") }
        return text
    }
}

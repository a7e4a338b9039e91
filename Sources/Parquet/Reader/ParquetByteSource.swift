#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a Parquet file's bytes come from: a local file (positioned reads) or an object in a
/// store (ranged GETs). The reader asks for the file's end once, then only for the column
/// chunks it reads.
public protocol ParquetByteSource: AnyObject {
    /// What errors name: a path, or a URL.
    var name: String { get }
    /// Whether one more small read costs little (a local file, not a request over a network).
    var cheapReads: Bool { get }
    /// The last `count` bytes (the whole file when it is smaller) and the file's size.
    func tail(_ count: Int) throws(ParquetError) -> (bytes: [UInt8], fileSize: Int)
    /// `count` bytes at `offset`; an error when the file ends before them.
    func read(offset: Int, count: Int) throws(ParquetError) -> [UInt8]
}

/// A local file, read with `pread`.
public final class LocalFileSource: ParquetByteSource {
    public let name: String
    public var cheapReads: Bool { true }
    private let fd: Int32
    private let size: Int

    /// Opens `path`; it must be a regular file.
    public init(path: String) throws(ParquetError) {
        name = path
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw ParquetError(.io, String(cString: strerror(errno)), context: [path]) }
        var st = stat()
        guard fstat(fd, &st) == 0 else {
            let message = String(cString: strerror(errno))
            close(fd)
            throw ParquetError(.io, message, context: [path])
        }
        guard (st.st_mode & S_IFMT) == S_IFREG else {
            close(fd)
            throw ParquetError(.io, "not a regular file", context: [path])
        }
        self.fd = fd
        size = Int(st.st_size)
    }

    deinit { close(fd) }

    public func tail(_ count: Int) throws(ParquetError) -> (bytes: [UInt8], fileSize: Int) {
        let n = min(size, count)
        return (try Self.pread(fd, offset: size - n, count: n), size)
    }

    public func read(offset: Int, count: Int) throws(ParquetError) -> [UInt8] {
        try Self.pread(fd, offset: offset, count: count)
    }

    private static func pread(_ fd: Int32, offset: Int, count: Int) throws(ParquetError) -> [UInt8] {
        var failure: ParquetError?
        // Uninitialised capacity: every byte is written by pread before the array is used.
        let bytes = [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            var done = 0
            while done < count {
                let n = Glibc.pread(fd, buffer.baseAddress! + done, count - done, off_t(offset + done))
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = ParquetError(.io, String(cString: strerror(errno)))
                    break
                }
                guard n > 0 else {
                    failure = .endOfData("file ended at \(offset + done) while reading \(count) bytes at \(offset)")
                    break
                }
                done += n
            }
            // On failure the bytes are discarded; zero the rest so the array is fully initialised.
            if done < count { (buffer.baseAddress! + done).initialize(repeating: 0, count: count - done) }
            initialized = count
        }
        if let failure { throw failure }
        return bytes
    }
}

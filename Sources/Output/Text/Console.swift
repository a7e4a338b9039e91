#if canImport(Glibc)
import Glibc
#endif
import EventModel

/// Writing to stdout and stderr without Foundation. Every write to standard output is checked:
/// a reader that went away (a closed pipe, as with `| head`) ends the output quietly; any other
/// failure (a full disk, `/dev/full`, an I/O error) is an error naming standard output.
public enum Console {
    /// How writing all of a buffer went.
    public enum WriteOutcome: Equatable, Sendable {
        case written
        /// The reader closed the pipe (EPIPE).
        case closed
        /// Another failure: the C library's reason.
        case failed(String)
    }

    /// Writes all bytes to a descriptor.
    public static func write(_ bytes: UnsafeRawBufferPointer, fd: Int32 = 1) -> WriteOutcome {
        var offset = 0
        while offset < bytes.count {
            let n = Glibc.write(fd, bytes.baseAddress! + offset, bytes.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                return errno == EPIPE ? .closed : .failed(DataError.systemReason)
            }
            if n == 0 { return .failed("nothing written") }
            offset += n
        }
        return .written
    }

    /// Writes `bytes` to standard output: true when written, false when the reader has gone
    /// (stop quietly); throws on any other failure.
    @discardableResult
    public static func out(bytes: UnsafeRawBufferPointer) throws(DataError) -> Bool { try checked(write(bytes)) }

    /// Writes `bytes` to standard output, as `out(bytes:)`.
    @discardableResult
    public static func out(_ bytes: [UInt8]) throws(DataError) -> Bool {
        try checked(bytes.withUnsafeBytes { write($0) })
    }

    /// Writes `text` to standard output, as `out(bytes:)`.
    @discardableResult
    public static func out(_ text: String) throws(DataError) -> Bool {
        var text = text
        return try checked(text.withUTF8 { write(UnsafeRawBufferPointer($0)) })
    }

    private static func checked(_ outcome: WriteOutcome) throws(DataError) -> Bool {
        switch outcome {
        case .written: return true
        case .closed: return false
        case .failed(let reason): throw .io("cannot write to standard output: \(reason)")
        }
    }

    /// A progress line on a terminal's stderr, rewritten in place (empty text clears it).
    public static func error(inPlace text: String) {
        var line = "\r\u{1B}[K" + text
        line.withUTF8 { _ = write(UnsafeRawBufferPointer($0), fd: 2) }
    }

    /// `eventtop: MESSAGE` on stderr (where nothing is left to report a failure to).
    public static func error(_ message: String) {
        var line = "eventtop: \(message)\n"
        line.withUTF8 { _ = write(UnsafeRawBufferPointer($0), fd: 2) }
    }
}

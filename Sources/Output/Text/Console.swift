#if canImport(Glibc)
import Glibc
#endif

/// Writing to stdout and stderr without Foundation, noticing a closed pipe.
public enum Console {
    /// Writes all bytes to a descriptor; false when the reader went away (EPIPE) or on error.
    @discardableResult
    public static func write(_ bytes: UnsafeRawBufferPointer, fd: Int32 = 1) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let n = Glibc.write(fd, bytes.baseAddress! + offset, bytes.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                return false
            }
            offset += n
        }
        return true
    }

    @discardableResult
    public static func out(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { write(UnsafeRawBufferPointer($0)) }
    }

    /// A progress line on a terminal's stderr, rewritten in place (empty text clears it).
    public static func error(inPlace text: String) {
        var line = "\r\u{1B}[K" + text
        line.withUTF8 { _ = write(UnsafeRawBufferPointer($0), fd: 2) }
    }

    /// `eventtop: MESSAGE` on stderr.
    public static func error(_ message: String) {
        var line = "eventtop: \(message)\n"
        line.withUTF8 { _ = write(UnsafeRawBufferPointer($0), fd: 2) }
    }
}

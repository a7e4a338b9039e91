#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Receives the lines a `LineSplitter` cuts.
public protocol LineSink {
    /// One complete line, without its `\n`; `number` counts from 1. The line is terminated:
    /// `bytes[count]` is `\n` and `LineSplitter.slack` bytes after it are readable (for scans
    /// that stop at the `\n` without a bounds check per byte).
    mutating func line(_ bytes: UnsafePointer<UInt8>, count: Int, number: Int)
    /// A line longer than the limit, skipped without ever being buffered whole.
    mutating func tooLong(number: Int)
    /// The line starting at `bytes`, before its end is known (a `\n` follows within
    /// `available` bytes, with the slack after it): its length when the sink took it whole as
    /// `line` would (a line it recognises, at most `maxLineBytes` long), or nil to be handed the
    /// line measured.
    mutating func unmeasuredLine(_ bytes: UnsafePointer<UInt8>, available: Int, maxLineBytes: Int, number: Int) -> Int?
}

extension LineSink {
    public mutating func unmeasuredLine(_ bytes: UnsafePointer<UInt8>, available: Int, maxLineBytes: Int,
                                        number: Int) -> Int? { nil }
}

/// Cuts a byte stream into lines, reading in large blocks with a carry-over for the partial
/// last line. A line over `maxLineBytes` is reported and skipped while it streams past, so
/// memory stays at `maxLineBytes + blockSize` whatever the input holds.
public final class LineSplitter {
    public let maxLineBytes: Int
    public let blockSize: Int
    private let capacity: Int
    private let buffer: UnsafeMutablePointer<UInt8>
    private var start = 0
    private var end = 0
    /// Inside a line that is already known to be too long: drop bytes up to its `\n`.
    private var discarding = false
    /// Lines finished so far (the number of the next line is this + 1).
    public private(set) var linesSeen = 0
    /// Bytes handed to `didRead` in all.
    public private(set) var bytesSeen: Int64 = 0

    public init(maxLineBytes: Int = 1 << 20, blockSize: Int = 4 << 20) {
        precondition(maxLineBytes > 0 && blockSize > 0)
        self.maxLineBytes = maxLineBytes
        self.blockSize = blockSize
        capacity = maxLineBytes + 1 + blockSize
        // Room for a \n after the last byte and the slack after it (cleared after each read:
        // pages never read are not cleared, so they never count as memory).
        buffer = .allocate(capacity: capacity + 1 + Self.slack)
        buffer.initialize(repeating: 0, count: 1 + Self.slack)
    }

    /// Readable bytes after each line's `\n`.
    public static let slack = 32

    deinit { buffer.deallocate() }

    /// Bytes buffered as the start of a line not yet ended.
    public var pendingBytes: Int { end - start }

    /// Where the next read may write, at least `blockSize` bytes.
    public func readSpace() -> UnsafeMutableRawBufferPointer {
        if capacity - end < blockSize {
            let pending = end - start
            // SAFETY: [start, end) lies inside the buffer; memmove handles the overlap.
            if pending > 0 { memmove(buffer, buffer + start, pending) }
            start = 0
            end = pending
        }
        return UnsafeMutableRawBufferPointer(start: buffer + end, count: capacity - end)
    }

    /// Takes `count` bytes just written at `readSpace()` and hands out every finished line.
    public func didRead<Sink: LineSink>(_ count: Int, into sink: inout Sink) {
        precondition(count >= 0 && count <= capacity - end)
        bytesSeen += Int64(count)
        var pos = end
        end += count
        // SAFETY: end <= capacity; the buffer holds capacity + 1 + slack bytes.
        (buffer + end).initialize(repeating: 0, count: 1 + Self.slack)
        var s = start
        var lines = linesSeen
        let limit = maxLineBytes
        let buf = buffer
        let stop = end
        if discarding {
            guard let nl = memchr(buf + pos, 0x0A, stop - pos) else {
                start = 0; end = 0
                return
            }
            let nlIndex = UnsafeMutableRawPointer(nl).assumingMemoryBound(to: UInt8.self) - buf
            discarding = false
            lines += 1
            s = nlIndex + 1
            pos = s
        }
        while pos < stop, let nl = memchr(buf + pos, 0x0A, stop - pos) {
            let nlIndex = UnsafeMutableRawPointer(nl).assumingMemoryBound(to: UInt8.self) - buf
            lines += 1
            let length = nlIndex - s
            if length > limit {
                sink.tooLong(number: lines)
            } else {
                sink.line(buf + s, count: length, number: lines)
            }
            s = nlIndex + 1
            pos = s
        }
        linesSeen = lines
        if stop - s > limit {
            // The partial line is already too long: report it now and skip the rest of it.
            sink.tooLong(number: lines + 1)
            discarding = true
            start = 0; end = 0
        } else {
            start = s
        }
    }

    /// The input ended (or was rotated or truncated): a partial last line is still a line.
    public func finish<Sink: LineSink>(into sink: inout Sink) {
        if discarding {
            linesSeen += 1
            discarding = false
        } else if end > start {
            linesSeen += 1
            // SAFETY: end <= capacity, and the buffer holds capacity + 1 + slack bytes.
            buffer[end] = 0x0A
            sink.line(buffer + start, count: end - start, number: linesSeen)
        }
        start = 0
        end = 0
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Complete lines cut from the input by a `ChunkReader`, in a buffer of their own, so that
/// another thread can decode them while the next read goes on. Every line ends with its `\n`
/// and the buffer holds `LineSplitter.slack` readable bytes past the last one: the lines are
/// terminated as `LineSink` requires, and nothing is copied to decode them.
public struct LineChunk: @unchecked Sendable {
    // SAFETY: a chunk is filled by the reading thread, then handed whole through a queue to
    // the one thread that decodes it; nobody writes its buffer after that.
    let buffer: ChunkBuffer
    /// The lines are buffer[start..<end]; end is 0 or just past a `\n`.
    let start: Int
    let end: Int
    /// Lines over the limit skipped (never buffered whole) before this chunk's lines.
    public let tooLongBefore: Int
    /// Bytes read so far in all, and where the input stands after the chunk's last line.
    public let bytesSeen: Int64
    public let position: InputPosition
    /// The input ended with this chunk.
    public let isLast: Bool
    /// A Kafka member hands partitions over after this chunk (`ReadResult.handover`): the
    /// reading thread waits until the state up to here is checkpointed and committed.
    public var handsOver = false

    /// Hands every line (numbered from `firstNumber`) to a sink, in order; lines over
    /// `maxLineBytes` are reported as too long. Returns the number of the last line.
    @discardableResult
    public func replay<Sink: LineSink>(into sink: inout Sink, maxLineBytes: Int, firstNumber: Int = 1) -> Int {
        var number = firstNumber - 1
        for _ in 0..<tooLongBefore {
            number += 1
            sink.tooLong(number: number)
        }
        let base = buffer.base
        var pos = start
        while pos < end {
            number += 1
            // A line the sink recognises needs no search for its end.
            if let length = sink.unmeasuredLine(UnsafePointer(base + pos), available: end - pos, maxLineBytes: maxLineBytes,
                                                number: number) {
                pos += length + 1
                continue
            }
            // SAFETY: end follows a \n, so memchr finds one before it.
            let nl = UnsafeMutableRawPointer(memchr(base + pos, 0x0A, end - pos)!).assumingMemoryBound(to: UInt8.self) - base
            let length = nl - pos
            if length > maxLineBytes {
                sink.tooLong(number: number)
            } else {
                sink.line(UnsafePointer(base + pos), count: length, number: number)
            }
            pos = nl + 1
        }
        return number
    }
}

/// The memory of one chunk: `capacity` bytes plus a `\n` and the slack after them.
final class ChunkBuffer: @unchecked Sendable {
    // SAFETY: see `LineChunk`: one thread at a time owns a buffer (the reader, then the
    // decoder, then the pool's lock).
    let base: UnsafeMutablePointer<UInt8>
    let capacity: Int

    init(capacity: Int) {
        self.capacity = capacity
        // Not cleared whole (pages never read would count as memory): `terminate` clears the
        // bytes after what a read filled.
        base = .allocate(capacity: capacity + 1 + LineSplitter.slack)
    }

    /// Clears the `\n` position and the slack after `filled` bytes, so every byte a scan may
    /// read is set.
    func terminate(filled: Int) {
        (base + filled).initialize(repeating: 0, count: 1 + LineSplitter.slack)
    }

    deinit { base.deallocate() }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import EventModel
import Synchronization

/// Reads an input into chunks of complete lines, each in a buffer of its own (see
/// `LineChunk`), with the partial last line carried into the next chunk. A line over
/// `maxLineBytes` is counted and skipped while it streams past, so a chunk's buffer never
/// needs more than `maxLineBytes + blockSize` bytes. The line cutting is `LineSplitter`'s;
/// the chunks let two threads decode at once.
public final class ChunkReader {
    public let maxLineBytes: Int
    public let blockSize: Int
    private let capacity: Int
    /// The partial line read so far (not yet ended by a `\n`).
    private var carry: [UInt8] = []
    /// Inside a line already known to be too long: drop bytes up to its `\n`.
    private var discarding = false
    /// Lines found too long since the last chunk was cut.
    private var tooLong = 0
    /// Buffers handed back once decoded, to read into again.
    public let pool: ChunkPool
    public private(set) var bytesSeen: Int64 = 0

    public init(maxLineBytes: Int = 1 << 20, blockSize: Int = 4 << 20, pool: ChunkPool = ChunkPool()) {
        precondition(maxLineBytes > 0 && blockSize > 0)
        self.pool = pool
        self.maxLineBytes = maxLineBytes
        self.blockSize = blockSize
        capacity = maxLineBytes + 1 + blockSize
    }

    /// Reads once from `source`. The chunk holds the lines completed by this read (nil when
    /// none, and no line was found too long); the result says what the read gave. On `.end`
    /// and `.restarted` the partial last line is a line, and is in the chunk.
    public func read(from source: InputSource, timeoutMs: Int32) throws(DataError) -> (ReadResult, LineChunk?) {
        let buffer = takeBuffer()
        let kept = carry.count
        carry.withUnsafeBufferPointer { if let b = $0.baseAddress { buffer.base.update(from: b, count: kept) } }
        let result: ReadResult
        do {
            result = try source.read(into: UnsafeMutableRawBufferPointer(start: buffer.base + kept, count: blockSize),
                                     timeoutMs: timeoutMs)
        } catch {
            // What was read stays carried; the caller finishes the input.
            recycle(buffer)
            throw error
        }
        if case .bytes(let n) = result { buffer.terminate(filled: kept + n) } else { buffer.terminate(filled: kept) }
        switch result {
        case .bytes(let n):
            bytesSeen += Int64(n)
            return (result, cut(buffer, filled: kept + n, newFrom: kept, source: source, isLast: false))
        case .idle:
            recycle(buffer)
            return (result, nil)
        case .restarted, .end:
            return (result, finish(buffer, filled: kept, source: source, isLast: result == .end))
        case .handover:
            // Whole messages only were read (each ends a line): nothing is carried. The chunk
            // holds no line, only where the input stands, for the checkpoint that hands over.
            return (result, chunk(buffer, start: kept, end: kept, source: source, isLast: false, handsOver: true))
        }
    }

    /// The input failed: the partial last line so far is a line, in a last chunk.
    public func finishAfterError(source: InputSource) -> LineChunk {
        let buffer = takeBuffer()
        let kept = carry.count
        carry.withUnsafeBufferPointer { if let b = $0.baseAddress { buffer.base.update(from: b, count: kept) } }
        buffer.terminate(filled: kept)
        return finish(buffer, filled: kept, source: source, isLast: true)!
    }

    private func recycle(_ buffer: ChunkBuffer) { pool.put(buffer) }

    private func takeBuffer() -> ChunkBuffer { pool.take(capacity: capacity) }

    /// Cuts the complete lines of buffer[0..<filled] (bytes from `newFrom` on just read).
    private func cut(_ buffer: ChunkBuffer, filled: Int, newFrom: Int, source: InputSource, isLast: Bool) -> LineChunk? {
        let base = buffer.base
        var start = 0
        var searchFrom = newFrom
        if discarding {
            // The rest of a too-long line: everything up to its \n goes.
            guard let nl = memchr(base + newFrom, 0x0A, filled - newFrom) else {
                carry.removeAll(keepingCapacity: true)
                recycle(buffer)
                return nil
            }
            discarding = false
            start = UnsafeMutableRawPointer(nl).assumingMemoryBound(to: UInt8.self) - base + 1
            searchFrom = start
        }
        var end = start
        // The last \n, looked for from the end: the partial line after it is short.
        var i = filled - 1
        while i >= searchFrom && base[i] != 0x0A { i -= 1 }
        if i >= searchFrom { end = i + 1 }
        carry.removeAll(keepingCapacity: true)
        carry.append(contentsOf: UnsafeBufferPointer(start: base + end, count: filled - end))
        // Too-long lines counted so far precede this chunk's lines; one found now follows them.
        var after = 0
        if carry.count > maxLineBytes {
            // The partial line is already too long: count it now and skip the rest of it.
            after = 1
            discarding = true
            carry.removeAll(keepingCapacity: true)
        }
        guard end > start || tooLong > 0 else {
            tooLong = after
            recycle(buffer)
            return nil
        }
        let cut = chunk(buffer, start: start, end: end, source: source, isLast: isLast)
        tooLong = after
        return cut
    }

    /// Ends the input (or a file's life before a rotation): buffer[0..<filled] is the partial
    /// last line, a line of its own, terminated here.
    private func finish(_ buffer: ChunkBuffer, filled: Int, source: InputSource, isLast: Bool) -> LineChunk? {
        var end = 0
        if discarding {
            discarding = false
        } else if filled > 0 {
            buffer.base[filled] = 0x0A
            end = filled + 1
        }
        carry.removeAll(keepingCapacity: true)
        guard end > 0 || tooLong > 0 || isLast else {
            recycle(buffer)
            return nil
        }
        return chunk(buffer, start: 0, end: end, source: source, isLast: isLast)
    }

    private func chunk(_ buffer: ChunkBuffer, start: Int, end: Int, source: InputSource, isLast: Bool,
                       handsOver: Bool = false) -> LineChunk
    {
        defer { tooLong = 0 }
        let offset = source.offset - Int64(carry.count)
        let position = InputPosition(device: source.identity?.dev ?? 0, inode: source.identity?.ino ?? 0,
                                     offset: offset, kafka: source.kafkaPosition(atStreamByte: offset))
        return LineChunk(buffer: buffer, start: start, end: end, tooLongBefore: tooLong, bytesSeen: bytesSeen,
                         position: position, isLast: isLast, handsOver: handsOver)
    }
}

/// Chunk buffers handed back by the threads that decoded them, for the reader to fill again
/// (a fresh 5 MiB buffer per read costs page faults).
public final class ChunkPool: Sendable {
    private let spare = Mutex<[ChunkBuffer]>([])

    public init() {}

    /// Hands a chunk's buffer back once its lines are decoded (from any thread).
    public func recycle(_ chunk: LineChunk) { put(chunk.buffer) }

    func put(_ buffer: ChunkBuffer) {
        spare.withLock { if $0.count < 4 { $0.append(buffer) } }
    }

    func take(capacity: Int) -> ChunkBuffer {
        spare.withLock { $0.popLast() } ?? ChunkBuffer(capacity: capacity)
    }
}

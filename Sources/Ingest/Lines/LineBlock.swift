/// A block of complete lines copied out of the read buffer, in input order: what the reading
/// thread hands the decoding thread.
public struct LineBlock: Sendable {
    public var bytes: [UInt8] = []
    /// End offset in `bytes` of each line, and its line number.
    public var ends: [Int] = []
    public var numbers: [Int] = []
    /// Line numbers of lines over the limit (skipped while reading, never copied).
    public var tooLong: [Int] = []
    /// Lines and bytes read so far in all, when this block was cut.
    public var linesSeen = 0
    public var bytesSeen: Int64 = 0
    /// The input ended with this block.
    public var isLast = false
    /// Where the input stands after this block's last complete line: for checkpoints.
    public var position = InputPosition()

    public init(capacity: Int) {
        bytes.reserveCapacity(capacity)
        ends.reserveCapacity(capacity / 64)
        numbers.reserveCapacity(capacity / 64)
    }

    public var lineCount: Int { ends.count }

    /// Hands every line (and every too-long line) to a sink, in input order.
    public func replay<Sink: LineSink>(into sink: inout Sink) {
        var tooLongIndex = 0
        bytes.withUnsafeBufferPointer { buffer in
            let base = buffer.baseAddress ?? UnsafePointer(bitPattern: 1)!
            var start = 0
            for i in 0..<ends.count {
                while tooLongIndex < tooLong.count && tooLong[tooLongIndex] < numbers[i] {
                    sink.tooLong(number: tooLong[tooLongIndex])
                    tooLongIndex += 1
                }
                sink.line(base + start, count: ends[i] - start, number: numbers[i])
                start = ends[i]
            }
        }
        while tooLongIndex < tooLong.count {
            sink.tooLong(number: tooLong[tooLongIndex])
            tooLongIndex += 1
        }
    }
}

/// The `LineSink` of the reading thread: copies lines into the current block.
public struct BlockCollector: LineSink {
    public var block: LineBlock
    public let capacity: Int

    public init(capacity: Int) {
        self.capacity = capacity
        block = LineBlock(capacity: capacity)
    }

    @inline(__always)
    public mutating func line(_ bytes: UnsafePointer<UInt8>, count: Int, number: Int) {
        block.bytes.append(contentsOf: UnsafeBufferPointer(start: bytes, count: count))
        block.ends.append(block.bytes.count)
        block.numbers.append(number)
    }

    public mutating func tooLong(number: Int) { block.tooLong.append(number) }

    public var isEmpty: Bool { block.ends.isEmpty && block.tooLong.isEmpty }

    /// Hands out the block so far and starts a new one.
    public mutating func take() -> LineBlock {
        defer { block = LineBlock(capacity: capacity) }
        return block
    }
}

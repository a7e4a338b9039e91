/// Decoder of BYTE_STREAM_SPLIT: `width` streams of N bytes each, stream k holding byte k of
/// every value (FLOAT, DOUBLE, INT32, INT64: width = their size; FIXED_LEN_BYTE_ARRAY: its length).
public struct ByteStreamSplitDecoder {
    public let width: Int
    /// N, the number of values: the byte count divided by the width.
    public let valueCount: Int
    private let base: UnsafeRawBufferPointer
    private var position = 0

    /// All of `bytes` is the encoding (it has no header or padding): its length must be a
    /// multiple of `width`. `valueCount`, if given, must match.
    public init(_ bytes: UnsafeRawBufferPointer, width: Int, valueCount: Int? = nil) throws(ParquetError) {
        guard width > 0 else { throw .corrupt("byte stream split width \(width)") }
        guard bytes.count % width == 0 else {
            throw .corrupt("byte stream split data of \(bytes.count) bytes is not a multiple of \(width)")
        }
        let count = bytes.count / width
        if let valueCount, valueCount != count {
            throw .corrupt("byte stream split data holds \(count) values, \(valueCount) expected")
        }
        self.width = width
        self.valueCount = count
        self.base = bytes
    }

    /// Values still to decode.
    public var remainingValues: Int { valueCount - position }

    /// FLOAT, DOUBLE, INT32, INT64 (whose size must be `width`).
    public mutating func decode<Value: PlainFixedWidthValue>(
        into destination: UnsafeMutableBufferPointer<Value>
    ) throws(ParquetError) -> Int {
        guard MemoryLayout<Value>.size == width else {
            throw .corrupt("byte stream split of width \(width) cannot decode \(Value.self)")
        }
        let count = min(destination.count, remainingValues)
        guard count > 0 else { return 0 }
        gather(count: count, into: UnsafeMutableRawBufferPointer(destination))
        position += count
        return count
    }

    /// FIXED_LEN_BYTE_ARRAY: appends up to `count` values of `width` bytes to `bytes`.
    public mutating func decodeFixedLengthByteArrays(count: Int, into bytes: inout [UInt8]) -> Int {
        let count = min(max(count, 0), remainingValues)
        guard count > 0 else { return 0 }
        let start = bytes.count
        bytes.append(contentsOf: repeatElement(0, count: count * width))
        bytes.withUnsafeMutableBytes { raw in
            gather(count: count, into: UnsafeMutableRawBufferPointer(rebasing: raw[start...]))
        }
        position += count
        return count
    }

    /// Values position..<position+count into `destination` (count * width bytes).
    private func gather(count: Int, into destination: UnsafeMutableRawBufferPointer) {
        let width = width
        for stream in 0..<width {
            let from = stream * valueCount + position
            // SAFETY: position + count <= valueCount, so stream * valueCount + position + i
            // < width * valueCount = base.count; destination holds count * width bytes.
            for i in 0..<count {
                destination[i * width + stream] = base[from + i]
            }
        }
    }
}

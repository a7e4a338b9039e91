import EventModel
@testable import Parquet

/// Small helpers shared by the encoding tests.
enum EncodingTestSupport {
    static func bytes(hex: String) -> [UInt8] {
        var result: [UInt8] = []
        result.reserveCapacity(hex.utf8.count / 2)
        var iterator = hex.utf8.makeIterator()
        while let high = iterator.next(), let low = iterator.next() {
            result.append(nibble(high) << 4 | nibble(low))
        }
        return result
    }

    static func hex<C: Collection<UInt8>>(_ bytes: C) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 15)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func nibble(_ c: UInt8) -> UInt8 {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
        default: c - UInt8(ascii: "A") + 10
        }
    }

    /// Splits offsets + bytes (Arrow style) into values.
    static func split<Offset: FixedWidthInteger>(_ offsets: [Offset], _ bytes: [UInt8]) -> [[UInt8]] {
        guard offsets.count > 1 else { return [] }
        return (1..<offsets.count).map { Array(bytes[Int(offsets[$0 - 1])..<Int(offsets[$0])]) }
    }

    /// Decodes everything with `decode` in batches of `batch`, into a new array.
    static func drain<T>(
        count: Int, batch: Int, zero: T,
        _ decode: (UnsafeMutableBufferPointer<T>) throws(ParquetError) -> Int
    ) throws(ParquetError) -> [T] {
        var result: [T] = []
        var buffer = [T](repeating: zero, count: batch)
        while result.count < count {
            let n = try buffer.withUnsafeMutableBufferPointer { (b) throws(ParquetError) -> Int in try decode(b) }
            if n == 0 { break }
            result.append(contentsOf: buffer[0..<n])
        }
        return result
    }
}

/// A deterministic generator (SplitMix64) so failures reproduce.
typealias SeededGenerator = SplitMix64

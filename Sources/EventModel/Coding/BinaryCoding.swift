/// A small little-endian binary format for checkpoints: integers, doubles and length-prefixed
/// byte strings, read back with every length checked.
public struct BinaryWriter {
    public private(set) var bytes: [UInt8] = []

    public init() {}

    public mutating func int(_ v: Int64) { withUnsafeBytes(of: v.littleEndian) { bytes.append(contentsOf: $0) } }
    public mutating func int(_ v: Int) { int(Int64(v)) }
    public mutating func double(_ v: Double) { int(Int64(bitPattern: v.bitPattern)) }
    public mutating func bool(_ v: Bool) { int(v ? 1 : 0) }
    public mutating func data<C: Collection<UInt8>>(_ v: C) {
        int(v.count)
        bytes.append(contentsOf: v)
    }
    public mutating func string(_ v: String) { data(Array(v.utf8)) }
}

public struct BinaryReader {
    private let bytes: [UInt8]
    private var offset = 0

    public init(_ bytes: [UInt8]) { self.bytes = bytes }

    public var isAtEnd: Bool { offset == bytes.count }

    public mutating func int() throws(DataError) -> Int64 {
        guard bytes.count - offset >= 8 else { throw .corrupt("ends early") }
        var v: UInt64 = 0
        for k in 0..<8 { v |= UInt64(bytes[offset + k]) << (8 * UInt64(k)) }
        offset += 8
        return Int64(bitPattern: v)
    }

    /// A count or length: non-negative and at most `limit`.
    public mutating func count(limit: Int) throws(DataError) -> Int {
        let v = try int()
        guard v >= 0, v <= Int64(limit) else { throw .corrupt("holds a count of \(v)") }
        return Int(v)
    }

    public mutating func bool() throws(DataError) -> Bool { try count(limit: 1) == 1 }
    public mutating func double() throws(DataError) -> Double { Double(bitPattern: UInt64(bitPattern: try int())) }

    public mutating func data() throws(DataError) -> [UInt8] {
        let n = try count(limit: bytes.count - offset - 0)
        guard bytes.count - offset >= n else { throw .corrupt("ends early") }
        defer { offset += n }
        return Array(bytes[offset..<offset + n])
    }

    public mutating func string() throws(DataError) -> String { String(decoding: try data(), as: UTF8.self) }

    // MARK: values checked against what eventtop can hold

    /// The largest counter a checkpoint may hold: far above any real count, far enough below
    /// `Int.max` that adding to it never traps.
    public static let maxTally = 1 << 62

    /// A non-negative counter, at most `maxTally`.
    public mutating func tally() throws(DataError) -> Int { try count(limit: Self.maxTally) }

    /// An instant in nanoseconds within the range events may have (1970 … 2262).
    public mutating func instant() throws(DataError) -> Int64 {
        let v = try int()
        guard v >= 0, v < Timestamp.endSeconds * Timestamp.nanosPerSecond else { throw .corrupt("holds an instant out of range") }
        return v
    }

    /// A second within the range events may have, or `Int64.min` (none yet).
    public mutating func secondOrNone() throws(DataError) -> Int64 {
        let v = try int()
        guard v == .min || (v >= -86_400 && v <= Timestamp.endSeconds + 86_400) else {
            throw .corrupt("holds a second out of range")
        }
        return v
    }

    /// A day (since 1970-01-01) within the range events may have, or `Int64.min` (none yet).
    public mutating func dayOrNone() throws(DataError) -> Int64 {
        let v = try int()
        guard v == .min || (v >= 0 && v <= Timestamp.endSeconds / 86_400) else { throw .corrupt("holds a day out of range") }
        return v
    }
}

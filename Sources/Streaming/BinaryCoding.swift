/// A small little-endian binary format for checkpoints: integers, doubles and length-prefixed
/// byte strings, read back with every length checked.
struct BinaryWriter {
    private(set) var bytes: [UInt8] = []

    mutating func int(_ v: Int64) { withUnsafeBytes(of: v.littleEndian) { bytes.append(contentsOf: $0) } }
    mutating func int(_ v: Int) { int(Int64(v)) }
    mutating func double(_ v: Double) { int(Int64(bitPattern: v.bitPattern)) }
    mutating func data<C: Collection<UInt8>>(_ v: C) {
        int(v.count)
        bytes.append(contentsOf: v)
    }
    mutating func string(_ v: String) { data(Array(v.utf8)) }
}

struct BinaryReader {
    private let bytes: [UInt8]
    private var offset = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var isAtEnd: Bool { offset == bytes.count }

    mutating func int() throws(InputError) -> Int64 {
        guard bytes.count - offset >= 8 else { throw InputError("ends early") }
        var v: UInt64 = 0
        for k in 0..<8 { v |= UInt64(bytes[offset + k]) << (8 * UInt64(k)) }
        offset += 8
        return Int64(bitPattern: v)
    }

    /// A count or length: non-negative and at most `limit`.
    mutating func count(limit: Int) throws(InputError) -> Int {
        let v = try int()
        guard v >= 0, v <= Int64(limit) else { throw InputError("holds a count of \(v)") }
        return Int(v)
    }

    mutating func double() throws(InputError) -> Double { Double(bitPattern: UInt64(bitPattern: try int())) }

    mutating func data() throws(InputError) -> [UInt8] {
        let n = try count(limit: bytes.count - offset - 0)
        guard bytes.count - offset >= n else { throw InputError("ends early") }
        defer { offset += n }
        return Array(bytes[offset..<offset + n])
    }

    mutating func string() throws(InputError) -> String { String(decoding: try data(), as: UTF8.self) }
}

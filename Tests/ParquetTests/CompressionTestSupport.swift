import Foundation
import Parquet
import Testing

/// The codecs the writer can produce (the deprecated Hadoop LZ4 is read-only).
let writableCodecs = PageCodec.allCases.filter { $0 != .lz4Hadoop }

/// Deterministic test bytes (splitmix64).
func pseudoRandomBytes(_ count: Int, seed: UInt64) -> [UInt8] {
    var state = seed
    var out = [UInt8]()
    out.reserveCapacity(count)
    while out.count < count {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        z ^= z >> 31
        for shift in stride(from: 0, to: 64, by: 8) where out.count < count { out.append(UInt8(truncatingIfNeeded: z >> UInt64(shift))) }
    }
    return out
}

/// Repetitive bytes, like a column of similar values.
func repetitiveBytes(_ count: Int) -> [UInt8] {
    let line = Array(#"{"tenant":"acme","event":"page_view","ms":1764000000000}\#n"#.utf8)
    return (0..<count).map { line[$0 % line.count] &+ UInt8(truncatingIfNeeded: $0 / 4096) }
}

func compressed(_ codec: PageCodec, _ data: [UInt8]) throws -> [UInt8] {
    try data.withUnsafeBytes { input in try PageCodec.compress(codec, input: input) }
}

/// Decompresses into exactly `declared` bytes followed by guard bytes that must stay untouched.
func decompressed(_ codec: PageCodec, _ data: [UInt8], declared: Int) throws -> [UInt8] {
    let guardBytes = 64
    var out = [UInt8](repeating: 0xA5, count: declared + guardBytes)
    var failure: ParquetError?
    data.withUnsafeBytes { input in
        out.withUnsafeMutableBytes { whole in
            let output = UnsafeMutableRawBufferPointer(rebasing: whole[0..<declared])
            do throws(ParquetError) {
                try PageCodec.decompress(codec, input: input, into: output)
            } catch {
                failure = error
            }
        }
    }
    #expect(out[declared...].allSatisfy { $0 == 0xA5 }, "\(codec.name) wrote past the declared \(declared) bytes")
    if let failure { throw failure }
    return Array(out[..<declared])
}

/// Hadoop LZ4 framing around raw LZ4 blocks of at most `chunk` bytes each.
func hadoopFramed(_ data: [UInt8], chunk: Int) throws -> [UInt8] {
    var out = [UInt8]()
    for start in stride(from: 0, to: data.count, by: chunk) {
        let piece = Array(data[start..<min(start + chunk, data.count)])
        let block = try compressed(.lz4Raw, piece)
        for value in [UInt32(piece.count), UInt32(block.count)] {
            out += withUnsafeBytes(of: value.bigEndian) { Array($0) }
        }
        out += block
    }
    return out
}

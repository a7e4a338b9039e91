import EventModel
import Testing

@Suite struct CRC32CTests {
    @Test func knownVectors() {
        // RFC 3720 (iSCSI) B.4 and the usual check value.
        #expect(CRC32C.checksum(Array("123456789".utf8)) == 0xE306_9283)
        #expect(CRC32C.checksum([UInt8](repeating: 0, count: 32)) == 0x8A91_36AA)
        #expect(CRC32C.checksum([UInt8](repeating: 0xFF, count: 32)) == 0x62A8_AB43)
        #expect(CRC32C.checksum((0..<32).map { UInt8($0) }) == 0x46DD_794E)
        #expect(CRC32C.checksum([]) == 0)
    }

    @Test func slicingEqualsByteAtATimeAtEveryLengthAndSplit() {
        var rng = SplitMix64(seed: 7)
        let data = (0..<300).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
        for n in [1, 7, 8, 9, 63, 64, 65, 299, 300] {
            let whole = CRC32C.checksum(Array(data.prefix(n)))
            for split in [0, 1, 5, n / 2, n] where split <= n {
                let first = data.prefix(split).withUnsafeBytes { CRC32C.checksum($0) }
                let both = data[split..<n].withUnsafeBytes { CRC32C.checksum($0, continuing: first) }
                #expect(both == whole, "n \(n) split \(split)")
            }
        }
    }
}

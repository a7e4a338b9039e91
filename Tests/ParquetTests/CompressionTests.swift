import Parquet
import Testing

@Suite struct CompressionTests {
    static let empty: [UInt8] = []
    static let small = Array("eventtop parquet page".utf8)
    static let random = pseudoRandomBytes(1 << 20, seed: 1)
    static let repetitive = repetitiveBytes(1 << 20)
    static let mixed = pseudoRandomBytes(2000, seed: 2) + repetitiveBytes(3000)

    @Test(arguments: writableCodecs)
    func roundTrips(codec: PageCodec) throws {
        for sample in [Self.empty, Self.small, Self.random, Self.repetitive, Self.mixed] {
            let packed = try compressed(codec, sample)
            #expect(try decompressed(codec, packed, declared: sample.count) == sample)
            if codec != .uncompressed && sample.count == Self.repetitive.count && sample == Self.repetitive {
                #expect(packed.count < sample.count / 4)
            }
        }
    }

    @Test func parquetCodecIDs() throws {
        let expected: [Int32: PageCodec] = [
            0: .uncompressed, 1: .snappy, 2: .gzip, 4: .brotli, 5: .lz4Hadoop, 6: .zstd, 7: .lz4Raw,
        ]
        for (id, codec) in expected {
            #expect(try PageCodec(parquetCodec: id) == codec)
            #expect(codec.parquetCodec == id)
        }
        for id: Int32 in [3, 8, -1, .max] {
            #expect(throws: ParquetError.self) { try PageCodec(parquetCodec: id) }
        }
        do {
            _ = try PageCodec(parquetCodec: 3)
        } catch {
            #expect(error.kind == .unsupported && error.message.contains("LZO"))
        }
    }

    @Test func legacyLZ4ReadsHadoopFramingAndRawBlocks() throws {
        for sample in [Self.small, Self.mixed, Self.repetitive] {
            for chunk in [7, 1000, sample.count] {
                let framed = try hadoopFramed(sample, chunk: chunk)
                #expect(try decompressed(.lz4Hadoop, framed, declared: sample.count) == sample)
            }
            let raw = try compressed(.lz4Raw, sample)
            #expect(try decompressed(.lz4Hadoop, raw, declared: sample.count) == sample)
        }
    }

    @Test func hadoopFramingThatDisagreesIsAnError() throws {
        let sample = Self.mixed
        let framed = try hadoopFramed(sample, chunk: 1000)
        #expect(throws: ParquetError.self) { try decompressed(.lz4Hadoop, framed, declared: sample.count - 1) }
        #expect(throws: ParquetError.self) { try decompressed(.lz4Hadoop, framed, declared: sample.count + 1) }
        #expect(throws: ParquetError.self) { try decompressed(.lz4Hadoop, framed + [0], declared: sample.count) }
        // The first block claims one more uncompressed byte than it holds.
        var lying = framed
        lying[3] &+= 1
        #expect(throws: ParquetError.self) { try decompressed(.lz4Hadoop, lying, declared: sample.count) }
        // A block length running past the input.
        var long = framed
        long[6] = 0xFF
        #expect(throws: ParquetError.self) { try decompressed(.lz4Hadoop, long, declared: sample.count) }
    }

    @Test(arguments: writableCodecs)
    func wrongDeclaredSizeIsAnError(codec: PageCodec) throws {
        for sample in [Self.small, Self.mixed] {
            let packed = try compressed(codec, sample)
            for declared in Set([0, sample.count - 1, sample.count + 1, sample.count * 2]) {
                #expect(throws: ParquetError.self) { try decompressed(codec, packed, declared: declared) }
            }
        }
        let packedEmpty = try compressed(codec, Self.empty)
        #expect(throws: ParquetError.self) { try decompressed(codec, packedEmpty, declared: 1) }
    }

    @Test(arguments: PageCodec.allCases)
    func truncatedInputIsAnError(codec: PageCodec) throws {
        let sample = Self.mixed
        let packed = try compressed(codec == .lz4Hadoop ? .lz4Raw : codec, sample)
        for length in Set([0, 1, 2, packed.count / 2, packed.count - 2, packed.count - 1]) {
            #expect(throws: ParquetError.self, "\(length) of \(packed.count) bytes") {
                try decompressed(codec, Array(packed[..<length]), declared: sample.count)
            }
        }
    }

    /// A flipped bit may go unnoticed (most codecs carry no checksum), but it never traps and
    /// never yields anything but the declared size.
    @Test(arguments: PageCodec.allCases)
    func flippedBitsNeverTrap(codec: PageCodec) throws {
        let sample = Self.mixed
        let packed = try compressed(codec == .lz4Hadoop ? .lz4Raw : codec, sample)
        var detected = 0
        for position in stride(from: 0, to: packed.count, by: max(1, packed.count / 300)) {
            var damaged = packed
            damaged[position] ^= UInt8(1) << UInt8(position % 8)
            do {
                let out = try decompressed(codec, damaged, declared: sample.count)
                #expect(out.count == sample.count)
            } catch is ParquetError {
                detected += 1
            }
        }
        if codec == .gzip { #expect(detected > 0) }
    }

    @Test func zstdFrameContentSizeMustMatch() throws {
        let packed = try compressed(.zstd, Self.mixed)
        #expect(throws: ParquetError.self) { try decompressed(.zstd, packed, declared: Self.mixed.count + 100) }
        // Two frames: content sizes add up to the declared size.
        let two = try compressed(.zstd, Self.small) + compressed(.zstd, Self.mixed)
        #expect(try decompressed(.zstd, two, declared: Self.small.count + Self.mixed.count) == Self.small + Self.mixed)
    }

    @Test func gzipReadsConcatenatedMembers() throws {
        let one = try compressed(.gzip, Self.small), two = try compressed(.gzip, Self.mixed)
        let whole = Self.small + Self.mixed + Self.small
        #expect(try decompressed(.gzip, one + two + one, declared: whole.count) == whole)
        #expect(throws: ParquetError.self) { try decompressed(.gzip, one + two + [0x1F], declared: Self.small.count + Self.mixed.count) }
    }
}

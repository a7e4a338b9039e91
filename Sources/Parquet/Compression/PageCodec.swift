/// The compression codecs of Parquet pages (`CompressionCodec` in parquet.thrift), with
/// one-shot page decompression into a buffer of the size the page header declares and
/// one-shot compression for the writer.
public enum PageCodec: Sendable, Equatable, CaseIterable {
    case uncompressed
    case snappy
    case gzip
    case brotli
    case zstd
    /// LZ4_RAW (id 7): one LZ4 block, no framing.
    case lz4Raw
    /// The deprecated LZ4 (id 5): Hadoop's framing, or raw LZ4, or the LZ4 frame format,
    /// depending on the writer; decompression tries them in that order. Not written.
    case lz4Hadoop

    /// The codec of a Parquet `CompressionCodec` id; LZO (3) and unknown ids are unsupported.
    public init(parquetCodec id: Int32) throws(ParquetError) {
        switch id {
        case 0: self = .uncompressed
        case 1: self = .snappy
        case 2: self = .gzip
        case 3: throw .unsupported("LZO compression (codec 3) is not supported")
        case 4: self = .brotli
        case 5: self = .lz4Hadoop
        case 6: self = .zstd
        case 7: self = .lz4Raw
        default: throw .unsupported("unknown compression codec id \(id)")
        }
    }

    /// The Parquet `CompressionCodec` id.
    public var parquetCodec: Int32 {
        switch self {
        case .uncompressed: 0
        case .snappy: 1
        case .gzip: 2
        case .brotli: 4
        case .lz4Hadoop: 5
        case .zstd: 6
        case .lz4Raw: 7
        }
    }

    public var name: String {
        switch self {
        case .uncompressed: "UNCOMPRESSED"
        case .snappy: "SNAPPY"
        case .gzip: "GZIP"
        case .brotli: "BROTLI"
        case .lz4Hadoop: "LZ4"
        case .zstd: "ZSTD"
        case .lz4Raw: "LZ4_RAW"
        }
    }

    /// Decompresses a whole page into `output`, whose count is the uncompressed size the page
    /// header declares. Exactly `output.count` bytes must come out of exactly all of `input`;
    /// anything else (including a size recorded inside the compressed data that disagrees) is
    /// `.corrupt`. Nothing is written outside `output`.
    public static func decompress(
        _ codec: PageCodec, input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer
    ) throws(ParquetError) {
        guard input.count <= Int(Int32.max), output.count <= Int(Int32.max) else {
            throw .unsupported("\(codec.name) page larger than 2 GiB")
        }
        // The C libraries reject NULL pointers even with zero lengths; empty Swift buffers
        // may have a nil base address.
        let spare: UnsafeMutableRawPointer? =
            input.baseAddress == nil || output.baseAddress == nil
            ? .allocate(byteCount: 1, alignment: 1) : nil
        defer { spare?.deallocate() }
        let src = CodecInput(pointer: input.baseAddress ?? UnsafeRawPointer(spare!), count: input.count)
        let dst = CodecOutput(pointer: output.baseAddress ?? spare!, count: output.count)
        do throws(ParquetError) {
            switch codec {
            case .uncompressed:
                guard src.count == dst.count else {
                    throw ParquetError.corrupt("holds \(src.count) bytes, declares \(dst.count)")
                }
                if dst.count > 0 { dst.pointer.copyMemory(from: src.pointer, byteCount: dst.count) }
            case .snappy: try SnappyCodec.decompress(src, dst)
            case .gzip: try GzipCodec.decompress(src, dst)
            case .brotli: try BrotliCodec.decompress(src, dst)
            case .zstd: try ZstdCodec.decompress(src, dst)
            case .lz4Raw: try LZ4Codec.decompressRaw(src, dst)
            case .lz4Hadoop: try LZ4Codec.decompressLegacy(src, dst)
            }
        } catch {
            throw error.within("\(codec.name) page")
        }
    }

    /// Compresses a whole page. `level` is the codec's own level (GZIP 0…9, default 6; ZSTD
    /// default 3; BROTLI quality 0…11, default 8); other codecs ignore it. The deprecated
    /// Hadoop LZ4 is not written: use `.lz4Raw`.
    public static func compress(
        _ codec: PageCodec, input: UnsafeRawBufferPointer, level: Int32? = nil
    ) throws(ParquetError) -> [UInt8] {
        guard input.count <= Int(Int32.max) else {
            throw .unsupported("\(codec.name) page larger than 2 GiB")
        }
        let spare: UnsafeMutableRawPointer? =
            input.baseAddress == nil ? .allocate(byteCount: 1, alignment: 1) : nil
        defer { spare?.deallocate() }
        let src = CodecInput(pointer: input.baseAddress ?? UnsafeRawPointer(spare!), count: input.count)
        do throws(ParquetError) {
            switch codec {
            case .uncompressed: return Array(input)
            case .snappy: return try SnappyCodec.compress(src)
            case .gzip: return try GzipCodec.compress(src, level: level ?? 6)
            case .brotli: return try BrotliCodec.compress(src, quality: level ?? 8)
            case .zstd: return try ZstdCodec.compress(src, level: level ?? 3)
            case .lz4Raw: return try LZ4Codec.compressRaw(src)
            case .lz4Hadoop: throw ParquetError.unsupported("writing the deprecated LZ4 codec; use LZ4_RAW")
            }
        } catch {
            throw error.within("\(codec.name) page")
        }
    }
}

/// Compressed bytes handed to a codec: never a NULL pointer, count ≤ Int32.max.
struct CodecInput {
    let pointer: UnsafeRawPointer
    let count: Int
}

/// The output of a decompression: never a NULL pointer, `count` is the declared size.
struct CodecOutput {
    let pointer: UnsafeMutableRawPointer
    let count: Int
}

extension ParquetError {
    /// A decompression that produced a different size than the page header declares.
    static func sizeMismatch(produced: some BinaryInteger, declared: Int) -> ParquetError {
        .corrupt("decompressed to \(produced) bytes, page header declares \(declared)")
    }
}

import CZstd

/// ZSTD: one or more zstd frames. A single frame that records its content size must record
/// the declared size; the frames together must produce exactly the declared size.
enum ZstdCodec {
    static func decompress(_ src: CodecInput, _ dst: CodecOutput) throws(ParquetError) {
        let contentSizeUnknown = UInt64.max, contentSizeError = UInt64.max - 1
        let contentSize = ZSTD_getFrameContentSize(src.pointer, src.count)
        guard contentSize != contentSizeError else { throw .corrupt("not a zstd frame") }
        let frameSize = ZSTD_findFrameCompressedSize(src.pointer, src.count)
        guard ZSTD_isError(frameSize) == 0 else { throw .corrupt(errorName(frameSize)) }
        if contentSize != contentSizeUnknown,
            contentSize > UInt64(dst.count) || (frameSize == src.count && contentSize != UInt64(dst.count))
        {
            throw .corrupt("zstd frame records \(contentSize) bytes, page header declares \(dst.count)")
        }
        let produced = ZSTD_decompress(dst.pointer, dst.count, src.pointer, src.count)
        guard ZSTD_isError(produced) == 0 else { throw .corrupt(errorName(produced)) }
        guard produced == dst.count else { throw .sizeMismatch(produced: produced, declared: dst.count) }
    }

    static func compress(_ src: CodecInput, level: Int32) throws(ParquetError) -> [UInt8] {
        let bound = ZSTD_compressBound(src.count)
        guard ZSTD_isError(bound) == 0 else { throw .corrupt(errorName(bound)) }
        var out = [UInt8](repeating: 0, count: bound)
        let written = out.withUnsafeMutableBytes { buffer in
            ZSTD_compress(buffer.baseAddress, buffer.count, src.pointer, src.count, level)
        }
        guard ZSTD_isError(written) == 0 else { throw .corrupt(errorName(written)) }
        out.removeLast(bound - written)
        return out
    }

    private static func errorName(_ code: Int) -> String {
        "zstd: " + String(cString: ZSTD_getErrorName(code))
    }
}

import CSnappy

/// SNAPPY through snappy's C API. The stream's own length prefix must equal the declared size.
enum SnappyCodec {
    static func decompress(_ src: CodecInput, _ dst: CodecOutput) throws(ParquetError) {
        let input = src.pointer.assumingMemoryBound(to: CChar.self)
        var length = 0
        guard snappy_uncompressed_length(input, src.count, &length) == SNAPPY_OK else {
            throw .corrupt("bad snappy length prefix")
        }
        guard length == dst.count else { throw .sizeMismatch(produced: length, declared: dst.count) }
        var produced = dst.count
        let status = snappy_uncompress(
            input, src.count, dst.pointer.assumingMemoryBound(to: CChar.self), &produced)
        guard status == SNAPPY_OK else { throw .corrupt("invalid snappy data") }
        guard produced == dst.count else { throw .sizeMismatch(produced: produced, declared: dst.count) }
    }

    static func compress(_ src: CodecInput) throws(ParquetError) -> [UInt8] {
        let bound = snappy_max_compressed_length(src.count)
        var out = [UInt8](repeating: 0, count: bound)
        let written = out.withUnsafeMutableBytes { buffer -> Int in
            var length = buffer.count
            let status = snappy_compress(
                src.pointer.assumingMemoryBound(to: CChar.self), src.count,
                buffer.baseAddress!.assumingMemoryBound(to: CChar.self), &length)
            return status == SNAPPY_OK ? length : -1
        }
        guard written >= 0 else { throw .corrupt("snappy compression failed") }
        out.removeLast(bound - written)
        return out
    }
}

import CBrotli

/// BROTLI: one brotli stream that must end exactly at the end of the input and produce
/// exactly the declared size.
enum BrotliCodec {
    static func decompress(_ src: CodecInput, _ dst: CodecOutput) throws(ParquetError) {
        guard let state = BrotliDecoderCreateInstance(nil, nil, nil) else {
            throw .corrupt("brotli: cannot create a decoder")
        }
        defer { BrotliDecoderDestroyInstance(state) }
        var availableIn = src.count
        var nextIn: UnsafePointer<UInt8>? = src.pointer.assumingMemoryBound(to: UInt8.self)
        var availableOut = dst.count
        var nextOut: UnsafeMutablePointer<UInt8>? = dst.pointer.assumingMemoryBound(to: UInt8.self)
        let result = BrotliDecoderDecompressStream(state, &availableIn, &nextIn, &availableOut, &nextOut, nil)
        switch result {
        case BROTLI_DECODER_RESULT_SUCCESS:
            guard availableIn == 0 else { throw .corrupt("\(availableIn) bytes after the brotli stream") }
            guard availableOut == 0 else {
                throw .sizeMismatch(produced: dst.count - availableOut, declared: dst.count)
            }
        case BROTLI_DECODER_RESULT_NEEDS_MORE_OUTPUT:
            throw .corrupt("brotli stream holds more than the declared \(dst.count) bytes")
        case BROTLI_DECODER_RESULT_NEEDS_MORE_INPUT:
            throw .corrupt("truncated brotli stream")
        default:
            let code = BrotliDecoderGetErrorCode(state)
            throw .corrupt("brotli: " + String(cString: BrotliDecoderErrorString(code)))
        }
    }

    static func compress(_ src: CodecInput, quality: Int32) throws(ParquetError) -> [UInt8] {
        let bound = BrotliEncoderMaxCompressedSize(src.count)
        guard bound > 0 else { throw .unsupported("brotli: input too large") }
        var out = [UInt8](repeating: 0, count: bound)
        let written = out.withUnsafeMutableBytes { buffer -> Int in
            var length = buffer.count
            let ok = BrotliEncoderCompress(
                quality, BROTLI_DEFAULT_WINDOW, BROTLI_MODE_GENERIC, src.count,
                src.pointer.assumingMemoryBound(to: UInt8.self),
                &length, buffer.baseAddress!.assumingMemoryBound(to: UInt8.self))
            return ok == BROTLI_TRUE ? length : -1
        }
        guard written >= 0 else { throw .corrupt("brotli compression failed") }
        out.removeLast(bound - written)
        return out
    }
}

import CLZ4

/// LZ4_RAW (one raw block) and the deprecated LZ4 codec, whose writers used Hadoop's framing,
/// raw blocks or the LZ4 frame format.
enum LZ4Codec {
    static func decompressRaw(_ src: CodecInput, _ dst: CodecOutput) throws(ParquetError) {
        let produced = rawBlock(src.pointer, src.count, into: dst.pointer, dst.count)
        guard produced >= 0 else { throw .corrupt("invalid LZ4 block, or more than the declared \(dst.count) bytes") }
        guard produced == dst.count else { throw .sizeMismatch(produced: produced, declared: dst.count) }
    }

    /// Hadoop framing first, then one raw block, then the frame format (as Arrow reads codec 5).
    static func decompressLegacy(_ src: CodecInput, _ dst: CodecOutput) throws(ParquetError) {
        if decompressHadoop(src, dst) { return }
        if rawBlock(src.pointer, src.count, into: dst.pointer, dst.count) == dst.count { return }
        let frameError: ParquetError
        do throws(ParquetError) { return try decompressFrame(src, dst) } catch { frameError = error }
        throw .corrupt("neither Hadoop-framed, raw nor framed LZ4 data of \(dst.count) bytes (as a frame: \(frameError.message))")
    }

    /// Hadoop's block framing: repeated [big-endian UInt32 uncompressed size][big-endian UInt32
    /// compressed size][raw LZ4 block], covering all input and exactly the declared output.
    static func decompressHadoop(_ src: CodecInput, _ dst: CodecOutput) -> Bool {
        var offset = 0, produced = 0
        while src.count - offset >= 8 {
            let rawSize = Int(UInt32(bigEndian: src.pointer.loadUnaligned(fromByteOffset: offset, as: UInt32.self)))
            let blockSize = Int(UInt32(bigEndian: src.pointer.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self)))
            offset += 8
            guard blockSize <= src.count - offset, rawSize <= dst.count - produced else { return false }
            let n = rawBlock(src.pointer + offset, blockSize, into: dst.pointer + produced, rawSize)
            guard n == rawSize else { return false }
            offset += blockSize
            produced += rawSize
        }
        return offset == src.count && produced == dst.count && src.count > 0
    }

    /// The LZ4 frame format (one or more frames), into exactly the declared size.
    static func decompressFrame(_ src: CodecInput, _ dst: CodecOutput) throws(ParquetError) {
        var context: OpaquePointer?
        guard LZ4F_isError(LZ4F_createDecompressionContext(&context, UInt32(LZ4F_VERSION))) == 0 else {
            throw .corrupt("lz4: cannot create a frame decoder")
        }
        defer { LZ4F_freeDecompressionContext(context) }
        var info = LZ4F_frameInfo_t()
        var consumed = src.count
        var hint = LZ4F_getFrameInfo(context, &info, src.pointer, &consumed)
        guard LZ4F_isError(hint) == 0 else { throw .corrupt(errorName(hint)) }
        guard info.contentSize <= UInt64(dst.count) else {
            throw .corrupt("LZ4 frame records \(info.contentSize) bytes, page header declares \(dst.count)")
        }
        var inOffset = consumed, outOffset = 0
        while inOffset < src.count {
            var outSize = dst.count - outOffset, inSize = src.count - inOffset
            hint = LZ4F_decompress(context, dst.pointer + outOffset, &outSize, src.pointer + inOffset, &inSize, nil)
            guard LZ4F_isError(hint) == 0 else { throw .corrupt(errorName(hint)) }
            guard inSize > 0 || outSize > 0 else {
                throw .corrupt("LZ4 frame holds more than the declared \(dst.count) bytes")
            }
            inOffset += inSize
            outOffset += outSize
        }
        guard hint == 0 else { throw .corrupt("truncated LZ4 frame") }
        guard outOffset == dst.count else { throw .sizeMismatch(produced: outOffset, declared: dst.count) }
    }

    static func compressRaw(_ src: CodecInput) throws(ParquetError) -> [UInt8] {
        let bound = Int(LZ4_compressBound(Int32(src.count)))
        guard bound > 0 else { throw .unsupported("lz4: input too large") }
        var out = [UInt8](repeating: 0, count: bound)
        let written = out.withUnsafeMutableBytes { buffer in
            LZ4_compress_default(
                src.pointer.assumingMemoryBound(to: CChar.self),
                buffer.baseAddress!.assumingMemoryBound(to: CChar.self), Int32(src.count), Int32(bound))
        }
        guard written > 0 else { throw .corrupt("lz4 compression failed") }
        out.removeLast(bound - Int(written))
        return out
    }

    /// One raw block into at most `capacity` bytes: the size produced, or -1.
    private static func rawBlock(
        _ src: UnsafeRawPointer, _ count: Int, into dst: UnsafeMutableRawPointer, _ capacity: Int
    ) -> Int {
        Int(LZ4_decompress_safe(
            src.assumingMemoryBound(to: CChar.self), dst.assumingMemoryBound(to: CChar.self),
            Int32(count), Int32(capacity)))
    }

    private static func errorName(_ code: Int) -> String {
        "lz4: " + String(cString: LZ4F_getErrorName(code))
    }
}

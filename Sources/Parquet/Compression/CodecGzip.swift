import CZlib

/// GZIP through zlib: one or more concatenated gzip members (zlib-wrapped data is accepted
/// too), inflated until all input is used; together they must produce exactly the declared size.
enum GzipCodec {
    static func decompress(_ src: CodecInput, _ dst: CodecOutput) throws(ParquetError) {
        var stream = z_stream()
        // 15 window bits + 32: detect a gzip or zlib header.
        guard inflateInit2_(&stream, 15 + 32, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw .corrupt("zlib: cannot create an inflater")
        }
        defer { inflateEnd(&stream) }
        stream.next_in = UnsafeMutablePointer(mutating: src.pointer.assumingMemoryBound(to: Bytef.self))
        stream.avail_in = uInt(src.count)
        stream.next_out = dst.pointer.assumingMemoryBound(to: Bytef.self)
        stream.avail_out = uInt(dst.count)
        var members = 1
        while true {
            let status = inflate(&stream, Z_NO_FLUSH)
            switch status {
            case Z_STREAM_END:
                guard stream.avail_in > 0 else {
                    guard stream.avail_out == 0 else {
                        throw .sizeMismatch(produced: dst.count - Int(stream.avail_out), declared: dst.count)
                    }
                    return
                }
                // Another member follows.
                guard inflateReset(&stream) == Z_OK else { throw .corrupt("zlib: cannot reset the inflater") }
                members += 1
            case Z_OK:
                continue  // progress was made; a stall shows up as Z_BUF_ERROR
            case Z_BUF_ERROR where stream.avail_in == 0:
                throw .corrupt("truncated gzip member \(members)")
            case Z_BUF_ERROR:
                throw .corrupt("gzip member \(members) holds more than the declared \(dst.count) bytes")
            default:
                let detail = stream.msg.map { String(cString: $0) } ?? "error \(status)"
                throw .corrupt("gzip member \(members): \(detail)")
            }
        }
    }

    static func compress(_ src: CodecInput, level: Int32) throws(ParquetError) -> [UInt8] {
        var stream = z_stream()
        // 15 window bits + 16: write a gzip header and trailer.
        let initStatus = deflateInit2_(
            &stream, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY, zlibVersion(),
            Int32(MemoryLayout<z_stream>.size))
        guard initStatus == Z_OK else { throw .corrupt("zlib: cannot create a deflater (level \(level))") }
        defer { deflateEnd(&stream) }
        // With avail_out >= deflateBound, one Z_FINISH call completes the stream.
        let bound = Int(deflateBound(&stream, uLong(src.count)))
        var out = [UInt8](repeating: 0, count: bound)
        stream.next_in = UnsafeMutablePointer(mutating: src.pointer.assumingMemoryBound(to: Bytef.self))
        stream.avail_in = uInt(src.count)
        let status = out.withUnsafeMutableBytes { buffer in
            stream.next_out = buffer.baseAddress!.assumingMemoryBound(to: Bytef.self)
            stream.avail_out = uInt(buffer.count)
            return deflate(&stream, Z_FINISH)
        }
        guard status == Z_STREAM_END else { throw .corrupt("gzip compression failed (\(status))") }
        out.removeLast(Int(stream.avail_out))
        return out
    }
}

@testable import Parquet

/// Runs `body` over a copy of `bytes` in a buffer of exactly their size.
func withExactBytes<T>(
    _ bytes: [UInt8], _ body: (UnsafeRawBufferPointer) throws(ParquetError) -> T
) throws(ParquetError) -> T {
    let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: bytes.count, alignment: 1)
    defer { buffer.deallocate() }
    buffer.copyBytes(from: bytes)
    return try body(UnsafeRawBufferPointer(buffer))
}

/// Runs `body` with a Thrift reader over `bytes`.
func withThriftReader<T>(
    _ bytes: [UInt8], _ body: (inout ThriftCompactReader) throws(ParquetError) -> T
) throws(ParquetError) -> T {
    try withExactBytes(bytes) { (raw) throws(ParquetError) -> T in
        var reader = ThriftCompactReader(raw)
        return try body(&reader)
    }
}

/// The error `body` throws, or nil if it succeeds.
func thriftError<T>(
    _ bytes: [UInt8], _ body: (inout ThriftCompactReader) throws(ParquetError) -> T
) -> ParquetError? {
    do throws(ParquetError) {
        _ = try withThriftReader(bytes, body)
        return nil
    } catch {
        return error
    }
}

/// The error reading `bytes` as a whole file's footer throws, or nil if it succeeds.
func footerError(_ bytes: [UInt8]) -> ParquetError? {
    do throws(ParquetError) {
        _ = try withExactBytes(bytes) { (raw) throws(ParquetError) in try FileMetaData.read(fileBytes: raw) }
        return nil
    } catch {
        return error
    }
}

/// A bounds-checked reading position over bytes the caller keeps alive. Every read checks
/// the bytes left first and throws `ParquetError` instead of reading past the end.
public struct ByteCursor {
    public let base: UnsafeRawBufferPointer
    public private(set) var offset: Int

    public init(_ base: UnsafeRawBufferPointer, offset: Int = 0) {
        self.base = base
        self.offset = offset
    }

    public var remaining: Int { base.count - offset }
    public var isAtEnd: Bool { offset >= base.count }

    @inline(__always)
    public mutating func readByte() throws(ParquetError) -> UInt8 {
        guard offset < base.count else { throw .endOfData("expected 1 more byte") }
        defer { offset += 1 }
        return base[offset]
    }

    /// A view of the next `count` bytes, advancing past them.
    @inline(__always)
    public mutating func readBytes(_ count: Int) throws(ParquetError) -> UnsafeRawBufferPointer {
        guard count >= 0 else { throw .corrupt("negative length \(count)") }
        guard count <= remaining else { throw .endOfData("expected \(count) bytes, \(remaining) left") }
        defer { offset += count }
        return UnsafeRawBufferPointer(rebasing: base[offset..<offset + count])
    }

    @inline(__always)
    public mutating func readLittleEndian<T: FixedWidthInteger>(_: T.Type) throws(ParquetError) -> T {
        let size = MemoryLayout<T>.size
        guard size <= remaining else { throw .endOfData("expected \(size) bytes, \(remaining) left") }
        defer { offset += size }
        return T(littleEndian: base.loadUnaligned(fromByteOffset: offset, as: T.self))
    }

    /// An unsigned LEB128 varint of at most 10 bytes.
    @inline(__always)
    public mutating func readVarint() throws(ParquetError) -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let byte = try readByte()
            guard shift < 64, shift < 63 || byte <= 1 else { throw .corrupt("varint longer than 64 bits") }
            result |= UInt64(byte & 0x7F) << shift
            if byte & 0x80 == 0 { return result }
            shift += 7
        }
    }

    public mutating func skip(_ count: Int) throws(ParquetError) {
        _ = try readBytes(count)
    }

    public mutating func seek(to newOffset: Int) throws(ParquetError) {
        guard newOffset >= 0, newOffset <= base.count else { throw .outOfBounds("offset \(newOffset) outside \(base.count) bytes") }
        offset = newOffset
    }
}

extension Array where Element == UInt8 {
    /// `withUnsafeBytes` for a body that throws `ParquetError` (the standard one rethrows
    /// untyped errors).
    func withParquetBytes<R>(_ body: (UnsafeRawBufferPointer) throws(ParquetError) -> R) throws(ParquetError) -> R {
        var result: Result<R, ParquetError>?
        withUnsafeBytes { raw in result = Result { () throws(ParquetError) -> R in try body(raw) } }
        return try result!.get()
    }
}

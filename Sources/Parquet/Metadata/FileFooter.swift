/// The end of a Parquet file: `FileMetaData` (Thrift compact), its length as a 4-byte
/// little-endian integer, then the magic `PAR1`. The file also starts with `PAR1`.
extension FileMetaData {
    static let magic: [UInt8] = Array("PAR1".utf8)
    static let encryptedMagic: [UInt8] = Array("PARE".utf8)

    /// Parses the footer of a whole Parquet file held in memory.
    public static func read(fileBytes: UnsafeRawBufferPointer) throws(ParquetError) -> FileMetaData {
        let size = fileBytes.count
        guard size >= 12 else { throw .corrupt("\(size) bytes is too small for a Parquet file") }
        let tail = Array(fileBytes[(size - 4)...])
        if tail == encryptedMagic { throw .unsupported("encrypted footer") }
        guard tail == magic else { throw .corrupt("no PAR1 magic at the end of the file") }
        guard Array(fileBytes[0..<4]) == magic else { throw .corrupt("no PAR1 magic at the start of the file") }
        var cursor = ByteCursor(fileBytes, offset: size - 8)
        let length = Int(try cursor.readLittleEndian(UInt32.self))
        guard length <= size - 12 else {
            throw .outOfBounds("footer length \(length) exceeds the \(size - 12) bytes between the magics")
        }
        let start = size - 8 - length
        let footer = UnsafeRawBufferPointer(rebasing: fileBytes[start..<(size - 8)])
        var reader = ThriftCompactReader(footer)
        do throws(ParquetError) {
            return try FileMetaData(from: &reader)
        } catch {
            throw error.within("footer")
        }
    }

    /// The footer as a writer appends it after the last row group: metadata, length, `PAR1`.
    public func footerBytes() -> [UInt8] {
        var writer = ThriftCompactWriter()
        write(to: &writer)
        var bytes = writer.bytes
        withUnsafeBytes(of: UInt32(bytes.count).littleEndian) { bytes.append(contentsOf: $0) }
        bytes.append(contentsOf: Self.magic)
        return bytes
    }
}

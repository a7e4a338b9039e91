import Testing
@testable import Parquet

@Suite struct ByteCursorTests {
    @Test func readsAreBoundsChecked() throws {
        let bytes: [UInt8] = [0x96, 0x01, 0x2A, 0x01, 0x02, 0x03, 0x04]
        try bytes.withUnsafeBytes { raw in
            var cursor = ByteCursor(raw)
            #expect(try cursor.readVarint() == 150)
            #expect(try cursor.readByte() == 42)
            #expect(try cursor.readLittleEndian(UInt32.self) == 0x0403_0201)
            #expect(cursor.isAtEnd)
            #expect(throws: ParquetError.self) { try cursor.readByte() }
            #expect(throws: ParquetError.self) { try cursor.readBytes(-1) }
            try cursor.seek(to: 0)
            #expect(throws: ParquetError.self) { try cursor.readBytes(8) }
        }
    }

    @Test func overlongVarintIsAnError() {
        let bytes = [UInt8](repeating: 0xFF, count: 11)
        bytes.withUnsafeBytes { raw in
            var cursor = ByteCursor(raw)
            #expect(throws: ParquetError.self) { try cursor.readVarint() }
        }
    }

    @Test func errorsSayWhere() {
        let error = ParquetError.corrupt("bad RLE run").within("page 5").within("column a").within("f.parquet")
        #expect(error.description == "f.parquet: column a: page 5: bad RLE run")
    }
}

import Testing
@testable import Parquet

@Suite struct ThriftRoundTripTests {
    @Test func zigzagMapsSmallMagnitudesToSmallNumbers() {
        #expect(ThriftCompactWriter.zigzag(0) == 0)
        #expect(ThriftCompactWriter.zigzag(-1) == 1)
        #expect(ThriftCompactWriter.zigzag(1) == 2)
        #expect(ThriftCompactWriter.zigzag(-2) == 3)
        #expect(ThriftCompactWriter.zigzag(Int64.min) == UInt64.max)
        for n: Int64 in [0, 1, -1, 63, -64, 1 << 40, -(1 << 40), .max, .min] {
            #expect(ThriftCompactReader.unzigzag(ThriftCompactWriter.zigzag(n)) == n)
        }
    }

    @Test func everyTypeRoundTrips() throws {
        let blob: [UInt8] = [0, 1, 0xFF, 0x80]
        let longList = (0..<20).map { Int32($0) - 10 }
        var w = ThriftCompactWriter()
        w.writeStructBegin()
        w.writeI8Field(1, -128)
        w.writeI16Field(2, .min)
        w.writeI32Field(3, .min)
        w.writeI64Field(4, .min)
        w.writeI64Field(5, .max)
        w.writeBoolField(6, true)
        w.writeBoolField(7, false)
        w.writeDoubleField(8, -1.5)
        w.writeBinaryField(9, blob)
        w.writeStringField(10, "héllo")
        w.writeI32Field(200, -1)  // delta 190: long form
        w.writeI32Field(100, 7)  // going back: long form
        w.writeI16Field(-3, -3)  // negative ids are long form too
        w.writeListField(101, of: .i32, longList) { w, v in w.writeI32(v) }
        w.writeListField(102, of: .bool, [true, false, true]) { w, v in w.writeBool(v) }
        w.writeFieldHeader(id: 103, type: .map)
        w.writeMapHeader(keyType: .binary, valueType: .i64, count: 2)
        w.writeString("a"); w.writeI64(-5)
        w.writeString("b"); w.writeI64(6)
        w.writeStructField(104) { w in
            w.writeI32Field(1, 42)
            w.writeStructField(2) { w in w.writeBoolField(1, true) }
            w.writeI32Field(3, -42)
        }
        w.writeI32Field(105, 9)  // delta 1 after the nested struct
        w.writeStructEnd()
        let bytes = w.bytes

        try withThriftReader(bytes) { (r) throws(ParquetError) in
            try r.readStructBegin()
            func next(_ r: inout ThriftCompactReader) throws(ParquetError) -> ThriftFieldHeader? { try r.readFieldHeader() }
            #expect(try next(&r) == .init(id: 1, type: .i8)); #expect(try r.readI8() == -128)
            #expect(try next(&r) == .init(id: 2, type: .i16)); #expect(try r.readI16() == .min)
            #expect(try next(&r) == .init(id: 3, type: .i32)); #expect(try r.readI32() == .min)
            #expect(try next(&r) == .init(id: 4, type: .i64)); #expect(try r.readI64() == .min)
            #expect(try next(&r) == .init(id: 5, type: .i64)); #expect(try r.readI64() == .max)
            #expect(try next(&r) == .init(id: 6, type: .bool)); #expect(try r.readBool() == true)
            #expect(try next(&r) == .init(id: 7, type: .bool)); #expect(try r.readBool() == false)
            #expect(try next(&r) == .init(id: 8, type: .double)); #expect(try r.readDouble() == -1.5)
            #expect(try next(&r) == .init(id: 9, type: .binary)); #expect(try r.readBinary() == blob)
            #expect(try next(&r) == .init(id: 10, type: .binary)); #expect(try r.readString() == "héllo")
            #expect(try next(&r) == .init(id: 200, type: .i32)); #expect(try r.readI32() == -1)
            #expect(try next(&r) == .init(id: 100, type: .i32)); #expect(try r.readI32() == 7)
            #expect(try next(&r) == .init(id: -3, type: .i16)); #expect(try r.readI16() == -3)
            #expect(try next(&r) == .init(id: 101, type: .list))
            #expect(try r.readList(of: .i32) { (r) throws(ParquetError) in try r.readI32() } == longList)
            #expect(try next(&r) == .init(id: 102, type: .list))
            #expect(try r.readList(of: .bool) { (r) throws(ParquetError) in try r.readBool() } == [true, false, true])
            #expect(try next(&r) == .init(id: 103, type: .map))
            let map = try r.readMapHeader()
            #expect(map.keyType == .binary && map.valueType == .i64 && map.count == 2)
            #expect(try r.readString() == "a"); #expect(try r.readI64() == -5)
            #expect(try r.readString() == "b"); #expect(try r.readI64() == 6)
            #expect(try next(&r) == .init(id: 104, type: .struct))
            try r.readStructBegin()
            #expect(try next(&r) == .init(id: 1, type: .i32)); #expect(try r.readI32() == 42)
            #expect(try next(&r) == .init(id: 2, type: .struct))
            try r.skip(.struct)
            #expect(try next(&r) == .init(id: 3, type: .i32)); #expect(try r.readI32() == -42)
            #expect(try next(&r) == nil)
            r.readStructEnd()
            #expect(try next(&r) == .init(id: 105, type: .i32)); #expect(try r.readI32() == 9)
            #expect(try next(&r) == nil)
            r.readStructEnd()
            #expect(r.cursor.isAtEnd)
        }
        // Skipping the whole struct consumes exactly its bytes.
        try withThriftReader(bytes) { (r) throws(ParquetError) in
            try r.skip(.struct)
            #expect(r.cursor.isAtEnd)
        }
    }

    @Test func shortFormsAreUsedWhereTheSpecAllows() {
        var w = ThriftCompactWriter()
        w.writeStructBegin()
        w.writeI32Field(1, 3)  // delta 1, type 5
        w.writeBoolField(16, true)  // delta 15, type 1 (true)
        w.writeListField(17, of: .i8, [Int8](repeating: 1, count: 14)) { w, v in w.writeI8(v) }
        w.writeStructEnd()
        #expect(Array(w.bytes.prefix(4)) == [0x15, 0x06, 0xF1, 0x19])
        #expect(w.bytes[4] == 0xE3)  // 14 elements of i8 in the header byte
        #expect(w.bytes.last == 0)
    }

    @Test func emptyMapHasNoTypeByte() throws {
        var w = ThriftCompactWriter()
        w.writeMapHeader(keyType: .i32, valueType: .i32, count: 0)
        #expect(w.bytes == [0])
        try withThriftReader(w.bytes) { (r) throws(ParquetError) in
            let header = try r.readMapHeader()
            #expect(header.count == 0 && header.keyType == nil)
        }
    }
}

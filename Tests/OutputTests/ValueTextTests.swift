import Testing
@testable import Output
import Parquet

@Suite struct ValueTextTests {
    @Test func timestampsAtTheEdgesOfInt64() {
        #expect(ValueText.timestamp(.min, digits: 9, utc: true) == "1677-09-21T00:12:43.145224192Z")
        #expect(ValueText.timestamp(.max, digits: 9, utc: true) == "2262-04-11T23:47:16.854775807Z")
        #expect(ValueText.timestamp(0, digits: 3, utc: false) == "1970-01-01T00:00:00.000")
        #expect(ValueText.timestamp(-1, digits: 6, utc: true) == "1969-12-31T23:59:59.999999Z")
        // Micro- and milliseconds reach far beyond year 9999: no trap, a signed year.
        _ = ValueText.timestamp(.min, digits: 6, utc: true)
        _ = ValueText.timestamp(.max, digits: 3, utc: true)
        _ = ValueText.time(.min, digits: 9)
        _ = ValueText.time(.max, digits: 3)
    }

    @Test func datesAndTimes() {
        #expect(ValueText.date(days: 0) == "1970-01-01")
        #expect(ValueText.date(days: 19_723) == "2024-01-01")
        #expect(ValueText.date(days: -1) == "1969-12-31")
        _ = ValueText.date(days: Int64(Int32.min))
        _ = ValueText.date(days: Int64(Int32.max))
        #expect(ValueText.time(45_296_789, digits: 3) == "12:34:56.789")
    }

    @Test func decimals() {
        #expect(ValueText.decimal(bigEndian: [0x00, 0x64][...], scale: 2) == "1.00")
        #expect(ValueText.decimal(bigEndian: [0xFF, 0xFB][...], scale: 2) == "-0.05")
        #expect(ValueText.decimal(bigEndian: [0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0][...], scale: 0)
            == "-170141183460469231731687303715884105728")
        #expect(ValueText.integer(-12_345, kind: .decimal(scale: 3), width: 64) == "-12.345")
        #expect(ValueText.integer(7, kind: .decimal(scale: 4), width: 32) == "0.0007")
        #expect(ValueText.integer(-1, kind: .unsigned, width: 32) == "4294967295")
        #expect(ValueText.integer(-1, kind: .unsigned, width: 64) == "18446744073709551615")
    }

    @Test func binaryForms() {
        #expect(ValueText.base64(Array("Man".utf8)[...]) == "TWFu")
        #expect(ValueText.base64(Array("Ma".utf8)[...]) == "TWE=")
        #expect(ValueText.base64([][...]) == "")
        let uuid: [UInt8] = [0x12, 0x3e, 0x45, 0x67, 0xe8, 0x9b, 0x12, 0xd3, 0xa4, 0x56, 0x42, 0x66, 0x14, 0x17, 0x40, 0x00]
        #expect(ValueText.uuid(uuid[...]) == "123e4567-e89b-12d3-a456-426614174000")
        #expect(ValueText.float(Double.nan) == "NaN")
        #expect(ValueText.float(-Double.infinity) == "-inf")
        #expect(ValueText.float(0.1 as Float) == "0.1")
    }
}

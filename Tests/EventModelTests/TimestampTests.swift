@testable import EventModel
import Testing

func rfc(_ text: String) -> Int64? {
    Array(text.utf8).withUnsafeBufferPointer { Timestamp.parseRFC3339($0.baseAddress!, count: $0.count) }
}

func epoch(_ text: String) -> Int64? {
    Array(text.utf8).withUnsafeBufferPointer { Timestamp.parseEpochNumber($0.baseAddress!, count: $0.count) }
}

@Suite struct TimestampTests {
    let t0: Int64 = 1_795_707_000_000_000_000  // 2026-11-26T15:30:00Z

    @Test func rfc3339Forms() {
        #expect(rfc("1970-01-01T00:00:00Z") == 0)
        #expect(rfc("2026-11-26T15:30:00Z") == t0)
        #expect(rfc("2026-11-26t15:30:00z") == t0)
        #expect(rfc("2026-11-26 15:30:00.5Z") == t0 + 500_000_000)
        #expect(rfc("2026-11-26T15:30:00.123456789Z") == t0 + 123_456_789)
        #expect(rfc("2026-11-26T16:30:00+01:00") == t0)
        #expect(rfc("2026-11-26T10:00:00-05:30") == t0)
        #expect(rfc("2024-02-29T00:00:00Z") != nil)
        #expect(rfc("2000-02-29T00:00:00Z") != nil)
    }

    @Test func rfc3339Rejects() {
        for bad in ["2023-02-29T00:00:00Z", "1900-02-29T00:00:00Z", "2026-02-30T00:00:00Z", "2026-13-01T00:00:00Z",
                    "2026-11-26T24:00:00Z", "2026-11-26T23:60:00Z", "2026-11-26T23:59:60Z", "2026-11-26T15:30",
                    "2026-11-26T15:30:00.Z", "2026-11-26T15:30:00.1234567890Z", "2026-11-26T15:30:00+24:00",
                    "2026-11-26T15:30:00+01:60", "2026-11-26T15:30:00+0100", "2026-11-26X15:30:00Z",
                    "1969-12-31T23:59:59Z", "2262-01-01T00:00:00Z", "2026-11-26T15:30:00Zx", "1795707000",
                    "2026-1-26T15:30:00Z", "1970-01-01T00:30:00+01:00"]
        {
            #expect(rfc(bad) == nil, "\(bad)")
        }
        #expect(rfc("2261-12-31T23:59:59.999999999Z") != nil)
    }

    @Test func noZoneMeansUTC() {
        let utc = rfc("2026-11-26T15:30:00Z")
        #expect(utc != nil)
        #expect(rfc("2026-11-26 15:30:00") == utc)
        #expect(rfc("2026-11-26T15:30:00") == utc)
        #expect(rfc("2026-11-26 15:30:00.25") == utc.map { $0 + 250_000_000 })
        #expect(rfc("2026-11-26 16:30:00+01:00") == utc)
    }

    @Test func epochNumbers() {
        #expect(epoch("0") == 0)
        #expect(epoch("-0") == 0)
        #expect(epoch("1795707000") == 1_795_707_000_000_000_000)
        #expect(epoch("1795707000.25") == 1_795_707_000_250_000_000)
        #expect(epoch("1.7957070001e9") == 1_795_707_000_100_000_000)
        #expect(epoch("17957070005E-1") == 1_795_707_000_500_000_000)
        #expect(epoch("1795707000.1234567899") == 1_795_707_000_123_456_789)
        #expect(epoch("1e-10") == 0)
        #expect(epoch("0.0000000015") == 1)
        #expect(epoch("-1") == nil)
        #expect(epoch("9214646400") == nil)
        #expect(epoch("9999999999.999999999") == nil)
        #expect(epoch("9214646399.999999999") == 9_214_646_399_999_999_999)
        #expect(epoch("1e999999999999") == nil)
        #expect(epoch("1e-999999999999") == 0)
        #expect(epoch("0e5") == 0)
    }

    @Test func epochUnitsFixedAndByMagnitude() {
        func parse(_ text: String, _ unit: EpochUnitChoice) -> String? {
            Array(text.utf8).withUnsafeBufferPointer { b in
                Timestamp.parseEpoch(b.baseAddress!, count: b.count, unit: unit).map { "\($0.nanos) \($0.unit.name)" }
            }
        }
        // auto: below 1e11 seconds, below 1e14 ms, below 1e17 µs, else ns.
        #expect(parse("1795707000", .auto) == "1795707000000000000 s")
        #expect(parse("1795707000.5", .auto) == "1795707000500000000 s")
        #expect(parse("1795707000123", .auto) == "1795707000123000000 ms")
        #expect(parse("1795707000123.9", .auto) == "1795707000123900000 ms")
        #expect(parse("1795707000123456", .auto) == "1795707000123456000 us")
        #expect(parse("1795707000123456789", .auto) == "1795707000123456789 ns")
        #expect(parse("1.795707000123e12", .auto) == "1795707000123000000 ms")
        #expect(parse("99999999999", .auto) == nil, "seconds past 2262")
        #expect(parse("100000000000", .auto) == "100000000000000000 ms", "1e11 is ms")
        #expect(parse("99999999999999", .auto) == nil, "ms past 2262")
        #expect(parse("100000000000000", .auto) == "100000000000000000 us", "1e14 is µs")
        #expect(parse("100000000000000000", .auto) == "100000000000000000 ns", "1e17 is ns")
        #expect(parse("0", .auto) == "0 s")
        // Fixed units, whatever the magnitude.
        #expect(parse("1795707000", .fixed(.milliseconds)) == "1795707000000000 ms")
        #expect(parse("1795707000123", .fixed(.milliseconds)) == "1795707000123000000 ms")
        #expect(parse("1795707000123", .fixed(.seconds)) == nil)
        #expect(parse("1.5", .fixed(.nanoseconds)) == "1 ns")
        #expect(parse("9223372036854775807", .fixed(.nanoseconds)) == nil, "past 2262")
        #expect(parse("9214646399999999999", .fixed(.nanoseconds)) == "9214646399999999999 ns")
        // Not numbers.
        for bad in ["", "-", "1.", ".5", "1e", "1e+", "12a", "0x10", "-5", " 1"] {
            #expect(parse(bad, .auto) == nil, "\(bad)")
        }
    }

    @Test func formatting() {
        #expect(Timestamp.formatNanos(0) == "1970-01-01T00:00:00Z")
        #expect(Timestamp.formatNanos(1_795_707_000_123_000_000) == "2026-11-26T15:30:00.123Z")
        #expect(Timestamp.formatNanos(1_795_707_000_123_400_000) == "2026-11-26T15:30:00.123400Z")
        #expect(Timestamp.formatNanos(1_795_707_000_000_000_001) == "2026-11-26T15:30:00.000000001Z")
        #expect(Timestamp.formatSeconds(951_782_400) == "2000-02-29T00:00:00Z")
    }

    @Test func civilRoundTrip() {
        for days in stride(from: Int64(0), to: 106_000, by: 37) {
            let (y, m, d) = CivilCalendar.date(days: days)
            #expect(CivilCalendar.days(year: y, month: m, day: d) == days)
        }
    }

    @Test func durations() {
        #expect(DurationParsing.seconds("10s") == 10)
        #expect(DurationParsing.seconds("1m") == 60)
        #expect(DurationParsing.seconds("1h30m") == 5400)
        #expect(DurationParsing.seconds("90") == 90)
        #expect(DurationParsing.seconds("0s") == nil)
        #expect(DurationParsing.seconds("5x") == nil)
        #expect(DurationParsing.seconds("") == nil)
        #expect(DurationParsing.seconds("99999999999999s") == nil)
        #expect(DurationParsing.format(5400) == "1h30m")
        #expect(DurationParsing.milliseconds("500ms") == 500)
        #expect(DurationParsing.milliseconds("1.5s") == 1500)
    }
}

/// The inline path for `…:SS.mmmZ` in the minute last parsed must answer as the full parser does,
/// for every byte of such a text changed to anything that matters.
@Suite struct CachedTimestampTests {
    @Test func theCachedMinuteAnswersAsTheFullParser() {
        let bases = ["2026-11-01T06:46:36.188Z", "2026-11-01T06:46:59.999z", "2261-12-31T23:59:59.999Z",
                     "1970-01-01T00:00:00.000Z", "2026-02-28 23:59:07.010Z"]
        let replacements = Array("0123456789:.-+TZzt /\u{7f}".utf8) + [0x00, 0x2F, 0x3A, 0x40, 0x80, 0xB9, 0xFF]
        var checked = 0
        for base in bases {
            let bytes = Array(base.utf8)
            for i in 0..<bytes.count {
                for b in replacements {
                    var text = bytes
                    text[i] = b
                    text.withUnsafeBufferPointer { t in
                        var cache = Timestamp.MinuteCache()
                        // Warm the cache with the base's minute, then parse the changed text.
                        bytes.withUnsafeBufferPointer { _ = Timestamp.parseRFC3339($0.baseAddress!, count: $0.count, cache: &cache) }
                        let cached = Timestamp.parseRFC3339(t.baseAddress!, count: t.count, cache: &cache)
                        let fresh = Timestamp.parseRFC3339(t.baseAddress!, count: t.count)
                        #expect(cached == fresh, "\(String(decoding: text, as: UTF8.self))")
                    }
                    checked += 1
                }
            }
        }
        #expect(checked > 3_000)
        // Spot checks against known instants.
        #expect(Timestamp.parse("2026-11-01T06:46:36.188Z") == 1_793_515_596_188_000_000)
    }
}

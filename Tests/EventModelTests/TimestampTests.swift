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
                    "2026-11-26T24:00:00Z", "2026-11-26T23:60:00Z", "2026-11-26T23:59:60Z", "2026-11-26T15:30:00",
                    "2026-11-26T15:30:00.Z", "2026-11-26T15:30:00.1234567890Z", "2026-11-26T15:30:00+24:00",
                    "2026-11-26T15:30:00+01:60", "2026-11-26T15:30:00+0100", "2026-11-26X15:30:00Z",
                    "1969-12-31T23:59:59Z", "2262-01-01T00:00:00Z", "2026-11-26T15:30:00Zx", "1795707000",
                    "2026-1-26T15:30:00Z", "1970-01-01T00:30:00+01:00"]
        {
            #expect(rfc(bad) == nil, "\(bad)")
        }
        #expect(rfc("2261-12-31T23:59:59.999999999Z") != nil)
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

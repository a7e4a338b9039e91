@testable import Dashboard
import EventModel
import Testing

@Suite struct NumberFormatTests {
    @Test func numberFormats() {
        #expect(NumberFormat.count(1_234_567) == "1,234,567")
        #expect(NumberFormat.count(1_234_567, width: 7) == "1.23M")
        #expect(NumberFormat.count(999_999_999, width: 5) == "1000M" || NumberFormat.count(999_999_999, width: 5) == "1.00G")
        #expect(NumberFormat.rate(9.166) == "9.17")
        #expect(NumberFormat.rate(205.84) == "205.8")
        #expect(NumberFormat.percent(0.0004) == "0.04%")
        #expect(NumberFormat.percent(nil) == "—")
        #expect(NumberFormat.lag(185) == "3m05s")
    }

    @Test func numbersNeverTrapOnHugeOrNegativeValues() {
        #expect(NumberFormat.percent(-2e17) .hasSuffix("%"))
        #expect(NumberFormat.percent(1.5) == "150.0%")
        #expect(NumberFormat.percent(0.00001) == "<0.01%")
        #expect(NumberFormat.rate(-1e20) != "")
        #expect(NumberFormat.rate(.infinity) == "-")
        #expect(NumberFormat.rate(1e19) != "")
        #expect(NumberFormat.count(999_950, width: 6) == "1.00M")
        #expect(NumberFormat.count(.min, width: 6).count <= 6)
        #expect(NumberFormat.count(.max, width: 5).count <= 5)
    }

    @Test func weekSpans() {
        #expect(NumberFormat.weekSpan(CivilDate(year: 2026, month: 12, day: 28)!) == "Dec 28–Jan 3")
    }
}

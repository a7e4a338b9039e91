import EventModel
import History
@testable import Output
import Testing

@Suite struct HistoryReportTextTests {
    let week = CivilDate(year: 2026, month: 11, day: 23)!
    var weekly: [WeeklyErrorRateRow] {
        [WeeklyErrorRateRow(week: week, tenant: "acme", totalEvents: 3, errorEvents: 1, errorRate: 1.0 / 3.0),
         WeeklyErrorRateRow(week: week, tenant: nil, totalEvents: 0, errorEvents: 0, errorRate: nil)]
    }

    @Test func csvHasTheSeedsColumnsAndNullAsEmpty() {
        let text = HistoryReportText.render(weekly, .csv)
        #expect(text == "week,tenant_id,total_events,error_events,error_rate\n"
            + "2026-11-23,acme,3,1,0.3333333333333333\n2026-11-23,,0,0,\n")
        let daily = [DailyEventsRow(date: week, tenant: "x\ny", events: nil)]
        #expect(HistoryReportText.render(daily, .csv) == "date,tenant_id,events\n2026-11-23,\"x\ny\",\n")
    }

    @Test func jsonIsOneArrayWithNulls() {
        let text = HistoryReportText.render(weekly, .json)
        #expect(text.hasPrefix("[\n{\"week\":\"2026-11-23\",\"tenant_id\":\"acme\""))
        #expect(text.contains("{\"week\":\"2026-11-23\",\"tenant_id\":null,\"total_events\":0,\"error_events\":0,\"error_rate\":null}"))
        #expect(text.hasSuffix("\n]\n"))
        #expect(HistoryReportText.render([WeeklyErrorRateRow](), .json) == "[]\n")
    }

    @Test func tableShowsPercentAndMakesNamesSafe() {
        let rows = [WeeklyErrorRateRow(week: week, tenant: "evil\u{1B}]0;x\u{07}", totalEvents: 3, errorEvents: 1,
                                       errorRate: 1.0 / 3.0)]
        let text = HistoryReportText.render(rows, .table)
        #expect(text.hasPrefix("week        tenant_id"))
        #expect(text.contains("error %") && text.contains("33.33"))
        #expect(!text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
        #expect(text.contains("evil\\x1b]0;x\\x07"))
    }
}

@Suite struct QueryReportTextTests {
    let names: [String?] = ["acme", "a,b", "quote\"d", "x\ny", "", "é", nil, "zeta"]
    var tenants: RankedTenants { RankedTenants(names) }

    var weekly: WeeklyErrorRateReport {
        let t = tenants
        var rows: [WeeklyErrorRateReport.Row] = []
        let values: [(Int64?, Int64?, Double?)] = [
            (3, 1, 1.0 / 3.0), (0, 0, nil), (nil, 5, nil), (.max, .min, -1e-300), (-42, 7, 2.5e17), (100, 99, 0.99),
            (10, nil, nil), (1, 1, 1.0),
        ]
        for (w, week) in [CivilDate(year: 2026, month: 11, day: 23)!, CivilDate(year: 1, month: 1, day: 1)!].enumerated() {
            for rank in 0..<UInt32(t.count) {
                let v = values[(Int(rank) + w) % values.count]
                rows.append(.init(week: week, tenant: rank, totalEvents: v.0, errorEvents: v.1, errorRate: v.2))
            }
        }
        return WeeklyErrorRateReport(tenants: t, rows: rows)
    }

    var daily: DailyEventsReport {
        let t = tenants
        let values: [Int64?] = [0, nil, -1, .min, .max, 9, 10, 99, 100, 12345678901]
        let rows = (0..<UInt32(t.count)).map {
            DailyEventsReport.Row(date: CivilDate(year: 2026, month: 3, day: 2)!, tenant: $0, events: values[Int($0) % values.count])
        }
        return DailyEventsReport(tenants: t, rows: rows)
    }

    @Test func ranksAreUTF8OrderWithNullLast() {
        let t = tenants
        #expect((0..<UInt32(t.count)).map { t.name($0) } == ["", "a,b", "acme", "quote\"d", "x\ny", "zeta", "é", nil])
        #expect(t.rank(of: "acme") == 2 && t.rank(of: "é") == 6 && t.rank(of: "") == 0 && t.rank(of: "nobody") == nil)
    }

    @Test(arguments: [HistoryReportText.Format.csv, .json, .table])
    func bytesEqualTheRowsRendering(_ format: HistoryReportText.Format) {
        #expect(String(decoding: HistoryReportText.render(weekly, format), as: UTF8.self)
            == HistoryReportText.render(weekly.named, format))
        #expect(String(decoding: HistoryReportText.render(daily, format), as: UTF8.self)
            == HistoryReportText.render(daily.named, format))
        let empty = WeeklyErrorRateReport(tenants: RankedTenants(), rows: [])
        #expect(String(decoding: HistoryReportText.render(empty, format), as: UTF8.self)
            == HistoryReportText.render([WeeklyErrorRateRow](), format))
    }

    @Test func decimalTextEqualsDescription() {
        var buffer = [UInt8](repeating: 0, count: 64)
        let integers: [Int64] = [0, 1, -1, 9, 10, 99, 100, 101, 999, 1000, -1000, 1 << 53, .max, .min, .max - 1, .min + 1]
        for v in integers + (0..<200).map({ Int64.max / (Int64($0) * 7 + 1) }) {
            let n = buffer.withUnsafeMutableBufferPointer { DecimalText.write(v, to: $0.baseAddress!) }
            #expect(String(decoding: buffer[0..<n], as: UTF8.self) == v.description)
        }
        let doubles: [Double] = [0, -0.0, 1, 0.1, 1.0 / 3.0, 2.0 / 3.0, 1e-7, 1e16, 1.2345678901234568e+17, -2.5e300,
                                 .leastNonzeroMagnitude, .greatestFiniteMagnitude, -.leastNormalMagnitude, .infinity, .nan]
        for v in doubles + (1..<300).map({ Double($0 % 53) / Double($0 * 31 % 997 + 1) }) {
            let n = buffer.withUnsafeMutableBufferPointer { DecimalText.write(v, to: $0.baseAddress!) }
            #expect(String(decoding: buffer[0..<n], as: UTF8.self) == v.description)
        }
    }
}

@Suite struct PercentTests {
    @Test func hugeRatesDoNotOverflow() {
        #expect(HistoryReportText.percent(1.0 / 3.0) == "33.33")
        #expect(HistoryReportText.percent(2.5e17) == "2.5e+19")
        #expect(HistoryReportText.percent(-Double(Int64.max)) == "\(-Double(Int64.max) * 100)")
    }
}

import EventModel
import History

/// A query's reports as CSV bytes written straight into one buffer sized up front: each
/// tenant's field (quoted when needed) made once, each date's text once, numbers written in
/// place. Tens of thousands of rows a millisecond or so.
enum ReportCSV {
    static func weekly(_ report: WeeklyErrorRateReport) -> [UInt8] {
        let fields = Fields(report.tenants)
        let header = Array((HistoryReportText.weeklyColumns.joined(separator: ",") + "\n").utf8)
        var bound = header.count
        for row in report.rows {
            bound += 10 + 5 + fields.length(row.tenant) + 2 * DecimalText.maxIntegerBytes + DecimalText.maxDoubleBytes
            bound += 16  // a date beyond year 9999
        }
        return write(bound, header) { p in
            var n = 0
            var week: CivilDate?
            var weekText: [UInt8] = []
            for row in report.rows {
                if row.week != week {
                    week = row.week
                    weekText = Array(row.week.description.utf8)
                }
                n += copy(weekText, to: p + n)
                p[n] = UInt8(ascii: ","); n += 1
                n += fields.write(row.tenant, to: p + n)
                p[n] = UInt8(ascii: ","); n += 1
                if let v = row.totalEvents { n += DecimalText.write(v, to: p + n) }
                p[n] = UInt8(ascii: ","); n += 1
                if let v = row.errorEvents { n += DecimalText.write(v, to: p + n) }
                p[n] = UInt8(ascii: ","); n += 1
                if let v = row.errorRate { n += DecimalText.write(v, to: p + n) }
                p[n] = UInt8(ascii: "\n"); n += 1
            }
            return n
        }
    }

    static func daily(_ report: DailyEventsReport) -> [UInt8] {
        let fields = Fields(report.tenants)
        let header = Array((HistoryReportText.dailyColumns.joined(separator: ",") + "\n").utf8)
        var bound = header.count
        for row in report.rows {
            bound += 10 + 3 + fields.length(row.tenant) + DecimalText.maxIntegerBytes + 16
        }
        return write(bound, header) { p in
            var n = 0
            var date: CivilDate?
            var dateText: [UInt8] = []
            for row in report.rows {
                if row.date != date {
                    date = row.date
                    dateText = Array(row.date.description.utf8)
                }
                n += copy(dateText, to: p + n)
                p[n] = UInt8(ascii: ","); n += 1
                n += fields.write(row.tenant, to: p + n)
                p[n] = UInt8(ascii: ","); n += 1
                if let v = row.events { n += DecimalText.write(v, to: p + n) }
                p[n] = UInt8(ascii: "\n"); n += 1
            }
            return n
        }
    }

    /// A buffer of `bound` bytes starting with `header`; `body` writes the rows after it and
    /// returns how many bytes it wrote.
    private static func write(_ bound: Int, _ header: [UInt8], _ body: (UnsafeMutablePointer<UInt8>) -> Int) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: bound) { buffer, initialized in
            // SAFETY: `bound` is the sum of each row's longest text, so every write stays
            // inside the buffer; only the bytes written are counted as initialised.
            let p = buffer.baseAddress!
            let h = copy(header, to: p)
            initialized = h + body(p + h)
            precondition(initialized <= bound, "history CSV bound exceeded")
        }
    }

    @inline(__always)
    private static func copy(_ bytes: [UInt8], to p: UnsafeMutablePointer<UInt8>) -> Int {
        bytes.withUnsafeBufferPointer { p.update(from: $0.baseAddress!, count: $0.count) }
        return bytes.count
    }

    /// Each rank's CSV field: the name, quoted when it holds a comma, quote, CR or LF; empty
    /// for the null tenant.
    struct Fields {
        var arena: [UInt8] = []
        var offsets: [Int] = [0]

        init(_ tenants: RankedTenants) {
            for rank in 0..<UInt32(tenants.count) {
                if !tenants.isNull(rank) {
                    tenants.withName(rank) { name in
                        if name.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) {
                            arena += Array(CSV.quote(String(decoding: name, as: UTF8.self)).utf8)
                        } else {
                            arena.append(contentsOf: name)
                        }
                    }
                }
                offsets.append(arena.count)
            }
        }

        @inline(__always)
        func length(_ rank: UInt32) -> Int { offsets[Int(rank) + 1] - offsets[Int(rank)] }

        @inline(__always)
        func write(_ rank: UInt32, to p: UnsafeMutablePointer<UInt8>) -> Int {
            let lo = offsets[Int(rank)], n = offsets[Int(rank) + 1] - lo
            if n > 0 { arena.withUnsafeBufferPointer { p.update(from: $0.baseAddress! + lo, count: n) } }
            return n
        }
    }
}

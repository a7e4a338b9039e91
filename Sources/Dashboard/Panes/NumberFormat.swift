import EventModel

/// How numbers, rates and times read on the screen.
public enum NumberFormat {
    /// `12,345`, or `123.4k`, `1.23M`, `4.56G` when that does not fit in `width` columns.
    public static func count(_ value: Int64, width: Int = .max) -> String {
        let full = grouped(value)
        if full.count <= width { return full }
        let v = Double(value)
        for (unit, suffix) in [(1e3, "k"), (1e6, "M"), (1e9, "G"), (1e12, "T"), (1e15, "P"), (1e18, "E")] {
            let scaled = v / unit
            if abs(scaled) >= 999.5 { continue }
            for decimals in stride(from: 2, through: 0, by: -1) {
                let digits = fixed(scaled, decimals: decimals)
                // Rounding may reach the next unit (999,950 → "1000k"): the next unit says it better.
                if let back = Double(digits), abs(back) >= 1000 { break }
                let text = digits + suffix
                if text.count <= width { return text }
            }
        }
        return String(repeating: "#", count: max(1, min(width, 3)))
    }

    /// `1,234,567`.
    public static func grouped(_ value: Int64) -> String {
        let digits = String(value.magnitude)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return value < 0 ? "-" + out : out
    }

    /// Events a second: `3.25`, `205.8`, `12,345`, compacted to `width`.
    public static func rate(_ value: Double, width: Int = .max) -> String {
        guard value.isFinite else { return "-" }
        let text: String
        if abs(value) < 10 {
            text = fixed(value, decimals: 2)
        } else if abs(value) < 1000 {
            text = fixed(value, decimals: 1)
        } else if abs(value) < 9e15 {
            return count(Int64(value.rounded()), width: width)
        } else {
            return fixed(value, decimals: 0)
        }
        return text.count <= width || abs(value) < 10 ? text : count(Int64(value.rounded()), width: width)
    }

    /// `8.0%`, `0.04%`, `<0.01%`, `100%`; `—` when there is no ratio. Shares outside 0…1 (bad
    /// data in a partition) print as they are.
    public static func percent(_ share: Double?, ascii: Bool = false) -> String {
        guard let share, share.isFinite else { return ascii ? "-" : "—" }
        let p = share * 100
        if p == 0 { return "0%" }
        if p < 0 || p > 100 { return fixed(p, decimals: abs(p) < 1000 ? 1 : 0) + "%" }
        if p == 100 { return "100%" }
        if p >= 99.95 { return "99.9%" }
        if p < 0.005 { return "<0.01%" }
        if p < 0.1 { return fixed(p, decimals: 2) + "%" }
        return fixed(p, decimals: 1) + "%"
    }

    /// A change of a share in points, signed: `+12.3`, `-0.4`, `0.0`; `·` without one. At most 6
    /// columns (`+100` beyond ±99.95).
    public static func points(_ delta: Double?, ascii: Bool = false) -> String {
        guard let delta, delta.isFinite else { return ascii ? "." : "·" }
        let p = delta * 100
        if abs(p) < 0.05 { return "0.0" }
        let sign = p > 0 ? "+" : "-"
        return sign + fixed(abs(p), decimals: abs(p) >= 99.95 ? 0 : 1)
    }

    /// `value` with exactly `decimals` digits after the point, rounded half up.
    static func fixed(_ value: Double, decimals: Int) -> String {
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        guard value.isFinite else { return "-" }
        let scaled = (abs(value) * scale).rounded()
        // Beyond exact integers: the shortest text that reads back (never an Int64 trap).
        guard scaled < 9e15 else { return "\(value)" }
        let whole = Int64(scaled) / Int64(scale)
        let fraction = Int64(scaled) % Int64(scale)
        var text = (value < 0 && scaled > 0 ? "-" : "") + String(whole)
        if decimals > 0 {
            let f = String(fraction)
            text += "." + String(repeating: "0", count: decimals - f.count) + f
        }
        return text
    }

    /// `18:40:12` (UTC) of epoch seconds.
    public static func clock(_ epochSeconds: Int64) -> String {
        let s = ((epochSeconds % 86_400) + 86_400) % 86_400
        return two(s / 3600) + ":" + two(s / 60 % 60) + ":" + two(s % 60)
    }

    /// A lag: `0s`, `12s`, `3m05s`, `2h10m`, `4d`.
    public static func lag(_ seconds: Int64) -> String {
        let s = max(0, seconds)
        if s < 60 { return "\(s)s" }
        if s < 3600 { return "\(s / 60)m" + two(s % 60) + "s" }
        if s < 86_400 { return "\(s / 3600)h" + two(s / 60 % 60) + "m" }
        return "\(s / 86_400)d"
    }

    static func two(_ v: Int64) -> String { v < 10 ? "0\(v)" : "\(v)" }

    static let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// `Nov 16–22` or `Dec 28–Jan 3` for the week starting on a Monday.
    public static func weekSpan(_ monday: CivilDate, ascii: Bool = false) -> String {
        let a = monday.civil, b = monday.adding(days: 6).civil
        let dash = ascii ? "-" : "–"
        let first = "\(monthNames[Int(a.month) - 1]) \(a.day)"
        return a.month == b.month ? first + dash + "\(b.day)" : first + dash + "\(monthNames[Int(b.month) - 1]) \(b.day)"
    }
}

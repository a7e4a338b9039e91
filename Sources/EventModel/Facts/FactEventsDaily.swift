/// The two tables of the data model, named once: `fact_events_daily` (the daily rollup's
/// partitions, DESIGN §4) and `realtime_event_metrics` (the live windows' rows, §3). Every
/// writer, reader and text format takes the names from here.
public enum FactEventsDaily {
    /// The table's name, also the default history folder's.
    public static let folderNameOfTable = "fact_events_daily"

    /// The partition key: `date=YYYY-MM-DD` folders, or a `date` column in files that are not
    /// partitioned.
    public static let date = "date"
    public static let tenantID = "tenant_id"
    public static let eventType = "event_type"
    public static let totalEvents = "total_events"
    public static let errorEvents = "error_events"
    public static let avgSessionDuration = "avg_session_duration"
    public static let uniqueSessions = "unique_sessions"

    /// `date=YYYY-MM-DD`: the folder of one date's files.
    public static func folderName(_ day: CivilDate) -> String { date + "=" + day.description }

    /// The date of a `date=YYYY-MM-DD` folder (1- or 2-digit month and day accepted, as DuckDB
    /// casts them); nil for any other name or an impossible date.
    ///
    /// A TIMESTAMP partition value is accepted too, as Spark (`date=2026-10-05 00%3A00%3A00`) and
    /// DuckDB (`date=2026-10-05%2000%3A00%3A00`) write it: `YYYY-MM-DD HH:MM:SS[.fraction]`, the
    /// space and colons URL-escaped or not. Its date is the date part, which is what
    /// `CAST(date AS DATE)` gives in Spark (in any session time zone: the value is written in
    /// it) and in DuckDB.
    public static func date(ofFolder name: some StringProtocol) -> CivilDate? {
        let prefix = date + "="
        guard name.hasPrefix(prefix) else { return nil }
        let value = name.dropFirst(prefix.count)
        if let day = CivilDate(value) { return day }
        return dateOfTimestamp(value.utf8.contains(UInt8(ascii: "%")) ? percentDecoded(value) : Array(value.utf8))
    }

    /// `YYYY-MM-DD HH:MM:SS[.digits]` (or `T` for the space) → its date part.
    private static func dateOfTimestamp(_ text: [UInt8]) -> CivilDate? {
        guard let cut = text.firstIndex(where: { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "T") }) else { return nil }
        var time = text[(cut + 1)...]
        if let dot = time.firstIndex(of: UInt8(ascii: ".")) {
            let fraction = time[(dot + 1)...]
            guard !fraction.isEmpty, fraction.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else { return nil }
            time = time[..<dot]
        }
        let parts = time.split(separator: UInt8(ascii: ":"), omittingEmptySubsequences: false)
        guard parts.count == 3 else { return nil }
        var fields: [Int] = []
        for part in parts {
            guard part.count == 2, let tens = digit(part.first!), let ones = digit(part.last!) else { return nil }
            fields.append(tens * 10 + ones)
        }
        guard fields[0] < 24, fields[1] < 60, fields[2] < 60 else { return nil }
        return CivilDate(String(decoding: text[..<cut], as: UTF8.self))
    }

    private static func digit(_ c: UInt8) -> Int? {
        c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") ? Int(c - UInt8(ascii: "0")) : nil
    }

    /// `%XX` escapes decoded (a `%` not followed by two hex digits is kept as it is).
    private static func percentDecoded(_ text: some StringProtocol) -> [UInt8] {
        let bytes = Array(text.utf8)
        func hex(_ c: UInt8) -> UInt8? {
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): c - UInt8(ascii: "A") + 10
            default: nil
            }
        }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: "%"), i + 2 < bytes.count, let hi = hex(bytes[i + 1]), let lo = hex(bytes[i + 2]) {
                out.append(hi << 4 | lo)
                i += 3
            } else {
                out.append(bytes[i])
                i += 1
            }
        }
        return out
    }

    /// Spark's and Hive's folder for rows whose partition value is null.
    public static let nullPartitionValue = "__HIVE_DEFAULT_PARTITION__"

    /// The date of a folder named exactly as `folderName` names it (`date=2026-1-01` is not).
    public static func canonicalDate(ofFolder name: String) -> CivilDate? {
        date(ofFolder: name).flatMap { folderName($0) == name ? $0 : nil }
    }
}

/// The columns of a `realtime_event_metrics` row, in order.
public enum RealtimeEventMetrics {
    public static let columns = [FactEventsDaily.tenantID, FactEventsDaily.eventType, "window_start_ts",
                                 "window_end_ts", "occurrences", "last_event_ts"]
}

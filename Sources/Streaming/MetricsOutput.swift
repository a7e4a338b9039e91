/// Output formats of `realtime_event_metrics` rows (DESIGN §6).
public enum OutputFormat: String, CaseIterable, Sendable {
    case table, csv, ndjson
}

/// Writes rows as a table, CSV or NDJSON.
public struct MetricsWriter {
    public static let columns = ["tenant_id", "event_type", "window_start_ts", "window_end_ts", "occurrences",
                                 "last_event_ts"]
    public let format: OutputFormat
    private var wroteHeader = false

    public init(format: OutputFormat) { self.format = format }

    /// The text for one batch of rows (one tick). CSV writes its header once.
    public mutating func render(_ rows: [WindowRow]) -> String {
        switch format {
        case .csv:
            var out = ""
            if !wroteHeader { out += Self.columns.joined(separator: ",") + "\n" }
            wroteHeader = true
            for row in rows { out += Self.fields(row).map(CSV.quote).joined(separator: ",") + "\n" }
            return out
        case .ndjson:
            return rows.map { row in
                "{\"tenant_id\":\(JSONText.quote(row.tenant)),\"event_type\":\(JSONText.quote(row.eventType)),"
                    + "\"window_start_ts\":\"\(Timestamp.formatSeconds(row.windowStart))\","
                    + "\"window_end_ts\":\"\(Timestamp.formatSeconds(row.windowEnd))\","
                    + "\"occurrences\":\(row.occurrences),\"last_event_ts\":\"\(Timestamp.formatNanos(row.lastEventTs))\"}\n"
            }.joined()
        case .table:
            // Ticks after the first are set apart by a blank line.
            defer { wroteHeader = true }
            return (wroteHeader ? "\n" : "") + TextTable.render(header: Self.columns, rows: rows.map { Self.fields($0).map(TextSanitizer.visible) },
                                    rightAligned: [4])
        }
    }

    static func fields(_ row: WindowRow) -> [String] {
        [row.tenant, row.eventType, Timestamp.formatSeconds(row.windowStart), Timestamp.formatSeconds(row.windowEnd),
         String(row.occurrences), Timestamp.formatNanos(row.lastEventTs)]
    }
}

public enum CSV {
    /// RFC 4180: quote a field holding a comma, quote, CR or LF; double inner quotes.
    public static func quote(_ field: String) -> String {
        guard field.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else { return field }
        return "\"" + field.replacingAll("\"", with: "\"\"") + "\""
    }
}

public enum JSONText {
    /// A JSON string literal, escaping quotes, backslashes and control characters.
    public static func quote(_ text: String) -> String {
        var out = [UInt8]()
        out.reserveCapacity(text.utf8.count + 2)
        out.append(0x22)
        let hex = Array("0123456789abcdef".utf8)
        for b in text.utf8 {
            switch b {
            case 0x22: out += [0x5C, 0x22]
            case 0x5C: out += [0x5C, 0x5C]
            case 0x0A: out += [0x5C, 0x6E]
            case 0x0D: out += [0x5C, 0x72]
            case 0x09: out += [0x5C, 0x74]
            case 0..<0x20, 0x7F:
                out += [0x5C, 0x75, 0x30, 0x30, hex[Int(b >> 4)], hex[Int(b & 0xF)]]
            default: out.append(b)
            }
        }
        out.append(0x22)
        return String(decoding: out, as: UTF8.self)
    }
}

/// Makes text from input safe to print on a terminal: control characters (C0, DEL, C1) and
/// bidi overrides become visible escapes, so nothing from input can drive the terminal.
public enum TextSanitizer {
    public static func visible(_ text: String) -> String {
        var out = ""
        out.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0..<0x20, 0x7F..<0xA0, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069:
                out += scalar.value < 0x100
                    ? "\\x" + String(scalar.value, radix: 16).leftPadded(to: 2)
                    : "\\u{" + String(scalar.value, radix: 16) + "}"
            default:
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}

/// Plain aligned columns for people to read.
enum TextTable {
    static func render(header: [String], rows: [[String]], rightAligned: Set<Int>) -> String {
        var widths = header.map(\.count)
        for row in rows { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) } }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { i, cell in
                let pad = String(repeating: " ", count: widths[i] - cell.count)
                return rightAligned.contains(i) ? pad + cell : cell + pad
            }.joined(separator: "  ").trimmingTrailingSpaces() + "\n"
        }
        return line(header) + rows.map(line).joined()
    }
}

extension String {
    func replacingAll(_ target: String, with replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }

    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }

    func trimmingTrailingSpaces() -> String {
        var s = Substring(self)
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}

import Parquet

/// Rows of Parquet columns as CSV (header line, RFC 4180) or NDJSON (one object a row).
public struct RowPrinter {
    public enum Format: String, CaseIterable, Sendable { case csv, ndjson }

    let columns: [ColumnDescriptor]
    let kinds: [ValueKind]
    let format: Format

    public init(columns: [ColumnDescriptor], format: Format) {
        self.columns = columns
        kinds = columns.map(ValueKind.init)
        self.format = format
    }

    public func header() -> String {
        format == .csv ? columns.map { CSV.quote($0.name) }.joined(separator: ",") + "\n" : ""
    }

    /// Prints up to `limit` rows of `reader`, row group by row group, to standard output; the
    /// header once the first row group has read (a column that cannot be read is an error and
    /// nothing on stdout). Stops early when the reader of stdout goes away.
    public func print(_ reader: ParquetFileReader, limit: Int) throws {
        var remaining = limit
        var header = header()
        for group in 0..<reader.rowGroupCount where remaining > 0 {
            var data: [ColumnData] = []
            for column in columns {
                data.append(try reader.readColumn(column, rowGroup: group))
            }
            let text = rows(data, limit: remaining)
            remaining -= text.rows
            guard try Console.out(header + text.text) else { return }
            header = ""
        }
        try Console.out(header)
    }

    /// Up to `limit` rows of one row group's columns.
    public func rows(_ data: [ColumnData], limit: Int) -> (text: String, rows: Int) {
        let rowCount = min(data.map(\.rowCount).min() ?? 0, limit)
        var cursors = [Int](repeating: 0, count: data.count)  // next non-null value per column
        var out = ""
        let keys = columns.map { JSONText.quote($0.name) }
        for row in 0..<rowCount {
            var cells: [String?] = []
            cells.reserveCapacity(data.count)
            for (c, column) in data.enumerated() {
                if let present = column.present, !present[row] {
                    cells.append(nil)
                } else {
                    cells.append(text(column.values, cursors[c], kinds[c], column.descriptor))
                    cursors[c] += 1
                }
            }
            switch format {
            case .csv:
                out += cells.map { $0.map(CSV.quote) ?? "" }.joined(separator: ",") + "\n"
            case .ndjson:
                out += "{" + zip(keys, cells.enumerated()).map { key, cell in
                    "\(key):" + (cell.1.map { json($0, kinds[cell.0]) } ?? "null")
                }.joined(separator: ",") + "}\n"
            }
        }
        return (out, rowCount)
    }

    /// A value as JSON: numbers and booleans bare (NaN and infinities as strings), the rest quoted.
    private func json(_ text: String, _ kind: ValueKind) -> String {
        switch kind {
        case .boolean, .signed, .unsigned, .decimal:
            return text
        case .float, .float16:
            return text == "NaN" || text.hasSuffix("inf") ? JSONText.quote(text) : text
        default:
            return JSONText.quote(text)
        }
    }

    private func text(_ values: ColumnValues, _ i: Int, _ kind: ValueKind, _ column: ColumnDescriptor) -> String {
        switch values {
        case .boolean(let v): return v[i] ? "true" : "false"
        case .int32(let v): return ValueText.integer(Int64(v[i]), kind: kind, width: 32)
        case .int64(let v): return ValueText.integer(v[i], kind: kind, width: 64)
        case .int96(let v):
            return ValueText.int96Timestamp(v[i])
        case .float(let v): return ValueText.float(v[i])
        case .double(let v): return ValueText.float(v[i])
        case .bytes(let v):
            let bytes = v[i]
            switch kind {
            case .text: return String(decoding: bytes, as: UTF8.self)
            case .decimal(let scale): return ValueText.decimal(bigEndian: bytes, scale: scale)
            case .uuid: return ValueText.uuid(bytes)
            case .float16:
                guard bytes.count == 2 else { return ValueText.base64(bytes) }
                let bits = UInt16(bytes[bytes.startIndex]) | UInt16(bytes[bytes.startIndex + 1]) << 8
                return ValueText.float(Float(Float16(bitPattern: bits)))
            default: return ValueText.base64(bytes)
            }
        }
    }
}

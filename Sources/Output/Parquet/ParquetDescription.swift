import Parquet

/// `parquet schema` and `parquet meta` as text for people.
public enum ParquetDescription {
    /// The schema tree in the usual `message { … }` form.
    public static func schema(_ schema: ParquetSchema) -> String {
        var out = "message \(schema.root.element.name) {\n"
        func walk(_ node: ParquetSchema.Node, _ depth: Int) {
            let indent = String(repeating: "  ", count: depth)
            let e = node.element
            let repetition = (e.repetition ?? .required).description.lowercased()
            var annotation: [String] = []
            if let logical = e.logicalType { annotation.append(logical.name) }
            else if let converted = e.convertedType { annotation.append(converted.description) }
            let note = annotation.isEmpty ? "" : " (\(annotation.joined(separator: ", ")))"
            if let type = e.type, node.children.isEmpty {
                let width = type == .fixedLenByteArray ? "(\(e.typeLength ?? 0))" : ""
                out += "\(indent)\(repetition) \(type.description.lowercased())\(width) \(e.name)\(note);\n"
            } else {
                out += "\(indent)\(repetition) group \(e.name)\(note) {\n"
                for child in node.children { walk(child, depth + 1) }
                out += "\(indent)}\n"
            }
        }
        for child in schema.root.children { walk(child, 1) }
        return out + "}\n"
    }

    /// File, row groups and column chunks.
    public static func metadata(_ reader: ParquetFileReader) -> String {
        let m = reader.metadata
        var out = "file: \(reader.path)\n"
        out += "size: \(reader.fileSize) bytes\n"
        out += "created_by: \(m.createdBy ?? "-")\n"
        out += "format version: \(m.version)\n"
        out += "rows: \(m.numRows)\n"
        out += "row groups: \(m.rowGroups.count)\n"
        out += "columns: \(reader.schema.columns.count)"
        if !reader.nestedColumnNames.isEmpty { out += " (nested, not read: \(reader.nestedColumnNames.joined(separator: ", ")))" }
        out += "\n"
        for kv in m.keyValueMetadata ?? [] where kv.key != "ARROW:schema" {
            out += "key_value: \(kv.key) = \(String((kv.value ?? "").prefix(200)))\n"
        }
        for (g, group) in m.rowGroups.enumerated() {
            out += "\nrow group \(g): \(group.numRows) rows, \(group.totalByteSize) bytes\n"
            for (c, chunk) in group.columns.enumerated() {
                let name = c < reader.schema.columns.count ? reader.schema.columns[c].name : "#\(c)"
                guard let meta = chunk.metaData else {
                    out += "  \(name): no metadata\(chunk.isEncrypted ? " (encrypted)" : "")\n"
                    continue
                }
                out += "  \(name): \(meta.type) \(meta.codec) encodings \(meta.encodings.map(\.description).joined(separator: ","))"
                out += " values \(meta.numValues) compressed \(meta.totalCompressedSize) uncompressed \(meta.totalUncompressedSize)"
                if let stats = meta.statistics, c < reader.schema.columns.count {
                    out += statistics(stats, reader.schema.columns[c])
                }
                out += "\n"
            }
        }
        return out
    }

    static func statistics(_ stats: Statistics, _ column: ColumnDescriptor) -> String {
        var parts: [String] = []
        if let nulls = stats.nullCount { parts.append("nulls \(nulls)") }
        let kind = ValueKind(column)
        if let min = stats.minValue ?? stats.min { parts.append("min \(StatisticsText.value(min, column, kind))") }
        if let max = stats.maxValue ?? stats.max { parts.append("max \(StatisticsText.value(max, column, kind))") }
        if let distinct = stats.distinctCount { parts.append("distinct \(distinct)") }
        return parts.isEmpty ? "" : " (" + parts.joined(separator: ", ") + ")"
    }
}

/// Statistics values are PLAIN-encoded single values (without a length prefix for byte arrays).
enum StatisticsText {
    static func value(_ bytes: [UInt8], _ column: ColumnDescriptor, _ kind: ValueKind) -> String {
        func little<T: FixedWidthInteger>(_: T.Type) -> T? {
            guard bytes.count == MemoryLayout<T>.size else { return nil }
            return bytes.withUnsafeBytes { T(littleEndian: $0.loadUnaligned(as: T.self)) }
        }
        switch column.physicalType {
        case .boolean: return bytes.first.map { $0 != 0 ? "true" : "false" } ?? "?"
        case .int32: return little(Int32.self).map { ValueText.integer(Int64($0), kind: kind, width: 32) } ?? "?"
        case .int64: return little(Int64.self).map { ValueText.integer($0, kind: kind, width: 64) } ?? "?"
        case .float: return little(UInt32.self).map { ValueText.float(Float(bitPattern: $0)) } ?? "?"
        case .double: return little(UInt64.self).map { ValueText.float(Double(bitPattern: $0)) } ?? "?"
        case .byteArray, .fixedLenByteArray:
            switch kind {
            case .text: return String(decoding: bytes, as: UTF8.self).debugDescription
            case .decimal(let scale): return ValueText.decimal(bigEndian: bytes[...], scale: scale)
            case .uuid: return ValueText.uuid(bytes[...])
            default: return ValueText.base64(bytes[...])
            }
        default: return ValueText.base64(bytes[...])
        }
    }
}

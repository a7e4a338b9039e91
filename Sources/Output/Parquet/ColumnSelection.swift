import EventModel
import Parquet

/// The columns `parquet cat` prints: those asked for (each must be a flat column of the file),
/// or every flat, unencrypted column, with a note naming the columns left out.
public enum ColumnSelection {
    /// Throws a usage error for a name the file does not have, and an `unsupported` error for
    /// a nested column asked for or a file with no column to read.
    public static func choose(_ reader: ParquetFileReader, file: String, requested: [String]?)
        throws(DataError) -> (columns: [ColumnDescriptor], note: String?)
    {
        if let requested {
            var selected: [ColumnDescriptor] = []
            for name in requested {
                if reader.schema.columns.contains(where: { $0.isNested && ($0.name == name || $0.name.hasPrefix(name + ".")) }) {
                    throw DataError(.unsupported, "\(file): column '\(name)' is nested; only flat columns are read")
                }
                guard let column = reader.schema.columns.first(where: { $0.name == name }) else {
                    let names = reader.schema.columns.map(\.name).joined(separator: ", ")
                    throw DataError(.usage, "--columns: no column '\(name)' in \(file) (columns: \(names))")
                }
                selected.append(column)
            }
            return (selected, nil)
        }
        // Nested and encrypted columns are left out, and said so; asking for one is an error.
        let encrypted = Set(reader.encryptedColumnNames)
        let selected = reader.flatColumns.filter { !encrypted.contains($0.name) }
        func listed(_ names: [String]) -> String {
            names.prefix(8).joined(separator: ", ") + (names.count > 8 ? " and \(names.count - 8) more" : "")
        }
        let nested = reader.nestedColumnNames
        let secret = reader.flatColumns.map(\.name).filter(encrypted.contains)
        var left: [String] = []
        if !nested.isEmpty { left.append("nested columns " + listed(nested)) }
        if !secret.isEmpty { left.append("encrypted columns " + listed(secret)) }
        let why = secret.isEmpty ? "only flat columns are read" : "only flat, unencrypted columns are read"
        guard !selected.isEmpty else {
            throw DataError(.unsupported, "\(file): only \(left.joined(separator: " and ")); \(why)")
        }
        return (selected, left.isEmpty ? nil : "\(file): skipping \(left.joined(separator: ", ")) (\(why))")
    }
}

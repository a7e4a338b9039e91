/// The one error type of the Parquet module: what failed, and where (file, row group,
/// column, page), so a malformed file is always a clear message, never a trap.
public struct ParquetError: Error, CustomStringConvertible, Equatable, Sendable {
    public enum Kind: Sendable, Equatable {
        /// The bytes ended before a value did.
        case endOfData
        /// A length, offset, count or bit width points outside what the file holds or allows.
        case outOfBounds
        /// The bytes contradict the format.
        case corrupt
        /// A valid feature this reader does not handle (nested columns, encryption…).
        case unsupported
        /// A page checksum does not match.
        case checksum
        /// The file could not be opened or read.
        case io
    }

    public var kind: Kind
    public var message: String
    /// Outermost first: `["data.parquet", "row group 2", "column tenant_id", "page 5"]`.
    public var context: [String]

    public init(_ kind: Kind, _ message: String, context: [String] = []) {
        self.kind = kind
        self.message = message
        self.context = context
    }

    public static func endOfData(_ message: String) -> ParquetError { .init(.endOfData, message) }
    public static func outOfBounds(_ message: String) -> ParquetError { .init(.outOfBounds, message) }
    public static func corrupt(_ message: String) -> ParquetError { .init(.corrupt, message) }
    public static func unsupported(_ message: String) -> ParquetError { .init(.unsupported, message) }

    /// The same error, located inside `place` (added as the new outermost context).
    public func within(_ place: String) -> ParquetError {
        var copy = self
        copy.context.insert(place, at: 0)
        return copy
    }

    /// `data.parquet: row group 2: column a: page 5: corrupt RLE run length`
    public var description: String { (context + [message]).joined(separator: ": ") }
}

/// A Thrift enum of parquet.thrift as an open set of `Int32` values: known values have names,
/// values from newer writers are kept as they are (and print as `unknown(n)`), never a trap.
public protocol ThriftEnum: RawRepresentable, Hashable, Sendable, CustomStringConvertible where RawValue == Int32 {
    init(rawValue: Int32)
    /// The names of the values this reader knows, as parquet.thrift spells them.
    static var names: [Int32: String] { get }
}

extension ThriftEnum {
    public var description: String { Self.names[rawValue] ?? "unknown(\(rawValue))" }
    public var isKnown: Bool { Self.names[rawValue] != nil }

    static func read(from reader: inout ThriftCompactReader) throws(ParquetError) -> Self {
        Self(rawValue: try reader.readI32())
    }

    func write(to writer: inout ThriftCompactWriter) {
        writer.writeI32(rawValue)
    }
}

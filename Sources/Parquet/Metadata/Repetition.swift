/// parquet.thrift `FieldRepetitionType`.
public struct Repetition: ThriftEnum {
    public var rawValue: Int32
    public init(rawValue: Int32) { self.rawValue = rawValue }

    public static let required = Self(rawValue: 0)
    public static let optional = Self(rawValue: 1)
    public static let repeated = Self(rawValue: 2)

    public static let names: [Int32: String] = [0: "REQUIRED", 1: "OPTIONAL", 2: "REPEATED"]
}

/// The value types of the Thrift compact protocol, as a reader sees them. The wire has two
/// codes for booleans (true and false in a field header); both are `.bool` here.
public enum ThriftType: UInt8, Sendable, CustomStringConvertible {
    case bool = 1
    case i8 = 3
    case i16 = 4
    case i32 = 5
    case i64 = 6
    case double = 7
    case binary = 8
    case list = 9
    case set = 10
    case map = 11
    case `struct` = 12

    /// The type of a 4-bit compact type code, or nil for stop (0) and codes no type has.
    init?(compactCode code: UInt8) {
        if code == 2 { self = .bool } else { self.init(rawValue: code) }
    }

    /// The fewest bytes one value of this type takes as a list, set or map element.
    var minimumElementSize: Int {
        switch self {
        case .double: 8
        default: 1
        }
    }

    /// i16, i32 and i64 share one encoding on the wire.
    var isZigzagVarint: Bool { self == .i16 || self == .i32 || self == .i64 }

    public var description: String {
        switch self {
        case .bool: "bool"
        case .i8: "i8"
        case .i16: "i16"
        case .i32: "i32"
        case .i64: "i64"
        case .double: "double"
        case .binary: "binary"
        case .list: "list"
        case .set: "set"
        case .map: "map"
        case .struct: "struct"
        }
    }
}

/// A field's id and value type, read from its header.
public struct ThriftFieldHeader: Equatable, Sendable {
    public var id: Int16
    public var type: ThriftType

    public init(id: Int16, type: ThriftType) {
        self.id = id
        self.type = type
    }
}

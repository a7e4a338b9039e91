import EventModel

/// One `--error` expression: `PATH=V1|V2…`, `PATH!=V1|V2…`, `PATH>=N`, `PATH>N`, `PATH<=N`,
/// `PATH<N`. PATH is a path into the line; one of the four field names alone (`event_type`)
/// means that field wherever `--field` maps it. An event is an error when any rule holds. A
/// rule on a value the line lacks (or holds as an object or array) does not hold.
public struct ErrorRule: Sendable, Equatable, CustomStringConvertible {
    public enum Operator: String, Sendable, CaseIterable {
        case equal = "=", notEqual = "!=", atLeast = ">=", above = ">", atMost = "<=", below = "<"
    }

    public enum Target: Sendable, Equatable {
        case field(EventField)
        case path(FieldPath)
    }

    public let target: Target
    public let op: Operator
    /// `=` and `!=`: the alternatives as UTF-8, and each one's number when it is one.
    public let texts: [[UInt8]]
    public let numbers: [Double?]
    /// The ordering operators' bound.
    public let bound: Double
    public let description: String

    /// The default: events of type `error`.
    public static let standard = try! ErrorRule(parsing: "event_type=error")

    /// `--error-types a,b`: the shorthand for `event_type=a|b`.
    public static func types(_ list: String) throws(DataError) -> ErrorRule {
        let names = list.split(separator: ",", omittingEmptySubsequences: false)
        guard !names.contains(where: \.isEmpty) else { throw DataError(.usage, "'\(list)': an empty type name") }
        return try ErrorRule(parsing: "event_type=" + names.joined(separator: "|"))
    }

    public init(parsing text: String) throws(DataError) {
        func fail(_ why: String) -> DataError { DataError(.usage, "'\(text)': \(why)") }
        // The operator is the first of = ! < > not escaped in the path.
        let chars = Array(text.utf8)
        var at = 0
        while at < chars.count {
            let b = chars[at]
            if b == UInt8(ascii: "\\") { at += 2; continue }
            if b == UInt8(ascii: "=") || b == UInt8(ascii: "!") || b == UInt8(ascii: "<") || b == UInt8(ascii: ">") { break }
            at += 1
        }
        guard at < chars.count else { throw fail("no operator: use PATH=V, PATH!=V, PATH>=N, PATH>N, PATH<=N or PATH<N") }
        let pathText = String(decoding: chars[..<at], as: UTF8.self)
        let rest = chars[at...]
        guard let op = Operator.allCases.sorted(by: { $0.rawValue.count > $1.rawValue.count })
            .first(where: { rest.starts(with: $0.rawValue.utf8) })
        else { throw fail("'!' must be followed by '='") }
        let value = String(decoding: rest.dropFirst(op.rawValue.utf8.count), as: UTF8.self)
        guard !pathText.isEmpty else { throw fail("no path before \(op.rawValue)") }
        if let field = EventField(name: pathText) {
            target = .field(field)
        } else {
            do { target = .path(try FieldPath(parsing: pathText)) } catch { throw fail(error.message) }
        }
        self.op = op
        switch op {
        case .equal, .notEqual:
            let alternatives = value.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
            guard !alternatives.contains(where: \.isEmpty) else { throw fail("an empty value (use a value after \(op.rawValue), and between |)") }
            texts = alternatives.map { Array($0.utf8) }
            numbers = alternatives.map(Self.number)
            bound = 0
        default:
            guard let number = Self.number(value) else { throw fail("\(op.rawValue) needs a number, got '\(value)'") }
            texts = []
            numbers = []
            bound = number
        }
        description = text
    }

    /// A decimal number in JSON's spelling (`500`, `-1.5`, `2e3`), or nil.
    static func number(_ text: String) -> Double? {
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty else { return nil }
        let end = bytes.withUnsafeBufferPointer { JSONScanning.scanNumber($0.baseAddress!, 0, $0.count) }
        guard end == bytes.count, let value = Double(text), value.isFinite else { return nil }
        return value
    }

    public static func == (a: ErrorRule, b: ErrorRule) -> Bool { a.description == b.description }
}

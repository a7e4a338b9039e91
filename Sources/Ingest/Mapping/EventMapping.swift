import EventModel

/// How lines become events (DESIGN §8): where each of the four fields is read, which events
/// are errors, and the unit of epoch timestamps. The same mapping serves `live`, `rollup` and
/// the screen.
public struct EventMapping: Sendable, Equatable {
    /// Fields mapped by `--field`; the others are read at their default names and aliases.
    public private(set) var paths: [EventField: FieldPath] = [:]
    /// `--error` rules, any of which makes an event an error.
    public var errorRules: [ErrorRule] = [.standard]
    public var tsUnit = EpochUnitChoice.auto

    public init() {}

    /// The mapping `--field`, `--error`, `--error-types` and `--ts-unit` describe; a mistake is a
    /// usage error naming its option.
    public init(fields: [String], errors: [String], errorTypes: String?, tsUnit: String) throws(DataError) {
        for spec in fields {
            do { try map(parsing: spec) } catch { throw DataError(.usage, "--field \(error.message)") }
        }
        var rules: [ErrorRule] = []
        for text in errors {
            do { rules.append(try ErrorRule(parsing: text)) } catch { throw DataError(.usage, "--error \(error.message)") }
        }
        if let errorTypes {
            do { rules.append(try ErrorRule.types(errorTypes)) } catch { throw DataError(.usage, "--error-types \(error.message)") }
        }
        if !rules.isEmpty { errorRules = rules }
        guard let unit = EpochUnitChoice(name: tsUnit) else {
            throw DataError(.usage, "--ts-unit: '\(tsUnit)' is not one of \(EpochUnitChoice.names.joined(separator: ", "))")
        }
        self.tsUnit = unit
    }

    public static let standard = EventMapping()

    /// Maps a field to a path.
    public mutating func map(_ field: EventField, to path: FieldPath) { paths[field] = path }

    /// Takes one `--field NAME=PATH`.
    public mutating func map(parsing spec: String) throws(DataError) {
        guard let eq = spec.firstIndex(of: "=") else {
            throw DataError(.usage, "'\(spec)': use NAME=PATH, NAME one of \(Self.fieldNames)")
        }
        let name = String(spec[..<eq])
        guard let field = EventField(name: name) else {
            throw DataError(.usage, "'\(spec)': '\(name)' is not a field; use one of \(Self.fieldNames)")
        }
        do {
            map(field, to: try FieldPath(parsing: String(spec[spec.index(after: eq)...])))
        } catch {
            throw DataError(.usage, "'\(spec)': \(error.message)")
        }
    }

    /// The mapping as the options that give it (`--field tenant_id=org.id --error status>=500
    /// --ts-unit auto`): what a checkpoint remembers, so a restart reads the input the same way.
    public var summary: String {
        var parts = EventField.allCases.compactMap { field in paths[field].map { "--field \(field.name)=\($0)" } }
        parts += errorRules.map { "--error \($0)" }
        parts.append("--ts-unit \(tsUnit)")
        return parts.joined(separator: " ")
    }

    static var fieldNames: String { EventField.allCases.map(\.name).joined(separator: ", ") }

    /// The paths the field is read from, the first present winning.
    public func paths(of field: EventField) -> [FieldPath] { paths[field].map { [$0] } ?? field.defaultPaths }

    /// True when every field is read where eventtop's own events keep it and every rule looks
    /// only at those fields: the decoder's fast path serves it.
    var isStandardLayout: Bool {
        paths.allSatisfy { $0.value.steps == $0.key.defaultPaths[0].steps && $0.key != .ts }
            && errorRules.allSatisfy { if case .field = $0.target { true } else { false } }
    }
}

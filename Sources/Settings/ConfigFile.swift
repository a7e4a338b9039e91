#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import EventModel
import TOMLKit

/// The settings file (DESIGN §8): any long option by its name, at the top for every command
/// that has it or in a command's table (`[live]`, `[rollup]`…) for that command alone, and a
/// `[fields]` table for `--field`. Every key and value is checked against the commands' options
/// when the file is read; a mistake is one line naming `file:line`.
public struct ConfigFile: Sendable {
    public enum Value: Sendable, Equatable {
        /// A flag's value.
        case flag(Bool)
        /// An option's values (one, or several for a repeatable option).
        case values([String])
    }

    public struct Setting: Sendable, Equatable {
        /// The option's long name (`window`; `field` for the `[fields]` table's entries).
        public let option: String
        public let value: Value
        public let line: Int
        /// The command table it sits in; nil at the top (or in `[fields]`).
        public let command: String?
    }

    public let path: String
    public let settings: [Setting]

    /// Reads `--config FILE` when given (it must exist), else the default file when there is one.
    public static func load(explicit: String?, environment: [String: String], catalog: OptionCatalog)
        throws(DataError) -> ConfigFile?
    {
        guard let path = explicit ?? standardPath(environment) else { return nil }
        let text: String
        do {
            text = try TextFile.contents(of: path)
        } catch {
            throw DataError(.usage, explicit != nil ? "--config \(error.message)" : "config file \(error.message)")
        }
        return try ConfigFile(path: path, text: text, catalog: catalog)
    }

    /// The default file, when it exists.
    public static func standardPath(_ environment: [String: String]) -> String? {
        guard let path = DataFolders.configFile(environment: environment), access(path, F_OK) == 0 else { return nil }
        return path
    }

    public init(path: String, text: String, catalog: OptionCatalog) throws(DataError) {
        self.path = path
        let lines = ConfigLines(text)
        func fail(_ line: Int, _ why: String) -> DataError { DataError(.usage, "\(path):\(line): \(why)") }
        // Checked before the parser sees it: toml++ (inside TOMLKit) aborts on some malformed input.
        if let problem = TOMLPrecheck.firstProblem(in: text) { throw fail(problem.line, problem.message) }
        guard TOMLParseGuard.trial(text) == .survived else {
            throw DataError(.usage, "\(path): not valid TOML (the TOML parser gave up on it without saying where; "
                + "look for a stray bracket, brace or unusual space)")
        }
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw fail(error.source.begin.line, error.description)
        } catch {
            throw fail(1, "\(error)")
        }
        var settings: [Setting] = []
        for key in table.keys.sorted(by: { lines.line(of: $0, in: nil) < lines.line(of: $1, in: nil) }) {
            guard let value = table[key] else { continue }
            let line = lines.line(of: key, in: nil)
            if key == "fields" {
                guard let fields = value.table else { throw fail(line, "fields must be a table: [fields] with tenant_id = \"path\"…") }
                settings += try Self.fields(fields, lines: lines, fail: fail)
            } else if let inner = value.table, catalog.commands[key] != nil {
                for option in inner.keys.sorted(by: { lines.line(of: $0, in: key) < lines.line(of: $1, in: key) }) {
                    let at = lines.line(of: option, in: key)
                    guard let spec = catalog.spec(option, in: key) else {
                        throw fail(at, "eventtop \(key) has no option --\(option)")
                    }
                    settings.append(Setting(option: option, value: try Self.value(inner[option]!, spec, at, fail),
                                            line: at, command: key))
                }
            } else if value.table != nil {
                throw fail(line, "unknown table [\(key)]: use [fields] or a command's name (\(catalog.commands.keys.sorted().joined(separator: ", ")))")
            } else {
                guard let command = catalog.commands(having: key).first, let spec = catalog.spec(key, in: command) else {
                    throw fail(line, "unknown setting '\(key)': not an option of any eventtop command")
                }
                settings.append(Setting(option: key, value: try Self.value(value, spec, line, fail), line: line, command: nil))
            }
        }
        self.settings = settings
    }

    /// `[fields]` entries as `--field NAME=PATH` values.
    private static func fields(_ table: TOMLTable, lines: ConfigLines, fail: (Int, String) -> DataError) throws(DataError) -> [Setting] {
        let names = ["tenant_id", "event_type", "ts", "session_id"]
        var out: [Setting] = []
        for name in table.keys.sorted(by: { lines.line(of: $0, in: "fields") < lines.line(of: $1, in: "fields") }) {
            let line = lines.line(of: name, in: "fields")
            guard names.contains(name) else { throw fail(line, "[fields] has \(name): use \(names.joined(separator: ", "))") }
            guard let path = table[name]?.string, !path.isEmpty else { throw fail(line, "\(name) must be a path in quotes, like \"context.groupId\"") }
            out.append(Setting(option: "field", value: .values(["\(name)=\(path)"]), line: line, command: nil))
        }
        return out
    }

    /// A TOML value as a flag or option value of `spec`.
    private static func value(_ value: any TOMLValueConvertible, _ spec: OptionSpec, _ line: Int,
                              _ fail: (Int, String) -> DataError) throws(DataError) -> Value
    {
        if spec.isFlag {
            guard let flag = value.bool else { throw fail(line, "\(spec.name) is a flag: true or false") }
            return .flag(flag)
        }
        if let array = value.array {
            guard spec.isRepeating else { throw fail(line, "\(spec.name) takes one value, not a list") }
            var texts: [String] = []
            for element in array {
                guard let text = scalar(element) else { throw fail(line, "\(spec.name): a list of strings or numbers") }
                texts.append(text)
            }
            return .values(texts)
        }
        guard let text = scalar(value) else {
            throw fail(line, "\(spec.name) takes a value\(value.bool != nil ? ", not true or false" : ""): a string or a number")
        }
        return .values([text])
    }

    /// A string, a number or a date as the command line would spell it.
    private static func scalar(_ value: any TOMLValueConvertible) -> String? {
        switch value.type {
        case .string: return value.string
        case .int: return value.int.map(String.init)
        case .double: return value.double.map { $0 == $0.rounded() && abs($0) < 1e15 ? String(Int64($0)) : String($0) }
        case .date:
            guard let date = value.tomlValue.date else { return nil }
            return String(format: "%04d-%02d-%02d", date.year, date.month, date.day)
        default: return nil
        }
    }
}

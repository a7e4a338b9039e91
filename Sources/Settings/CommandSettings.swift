import EventModel

/// The settings one run takes, and where each came from (DESIGN §8): the command line wins
/// over the file, a command's table over the file's top, the file over the defaults. The file's
/// settings become arguments placed before the command line's, so the one parser checks them
/// all; a mistake it finds in a value that came from the file is then blamed on its line.
public struct CommandSettings: Sendable {
    public enum Source: Sendable, Equatable, CustomStringConvertible {
        case commandLine
        case file(path: String, line: Int)
        case defaultValue

        public var description: String {
            switch self {
            case .commandLine: "command line"
            case .file(let path, let line): "\(path):\(line)"
            case .defaultValue: "default"
            }
        }
    }

    public let command: String
    /// The arguments to parse: the file's, then the command line's.
    public let arguments: [String]
    /// Each setting taken from the file: option, values (empty for a flag), line.
    public let fromFile: [(option: String, values: [String], line: Int)]
    public let file: ConfigFile?
    private let catalog: OptionCatalog
    private let commandLine: [String]

    /// Options the command line replaces together: a rule on either side replaces all rules.
    static let groups: [Set<String>] = [["error", "error-types"]]

    /// The settings of `arguments` (a command and its options) with the file `--config` names
    /// or the default one; nil when the first word is not a command with options, the command
    /// line asks for help, or there is no file (unless `evenWithoutFile`). The catalog is asked
    /// for only when needed: runs without a settings file do not pay for it.
    public static func read(_ arguments: [String], environment: [String: String], evenWithoutFile: Bool = false,
                            catalog: () -> OptionCatalog?) throws(DataError) -> CommandSettings?
    {
        guard let command = arguments.first, !arguments.contains("--help"), !arguments.contains("-h") else { return nil }
        let rest = Array(arguments.dropFirst())
        let explicit = values(of: "config", in: rest).last
        guard explicit != nil || evenWithoutFile || ConfigFile.standardPath(environment) != nil,
              let catalog = catalog(), catalog.commands[command] != nil
        else { return nil }
        let file = try ConfigFile.load(explicit: explicit, environment: environment, catalog: catalog)
        return CommandSettings(command: command, commandLine: rest, file: file, catalog: catalog)
    }

    /// `commandLine` is what follows the command's name.
    public init(command: String, commandLine: [String], file: ConfigFile?, catalog: OptionCatalog) {
        self.command = command
        self.commandLine = commandLine
        self.file = file
        self.catalog = catalog
        let given = Self.optionsGiven(commandLine, catalog.options(of: command))
        let mappedOnCommandLine = Set(Self.values(of: "field", in: commandLine).compactMap { $0.split(separator: "=").first })
        var chosen: [String: ConfigFile.Setting] = [:]
        var lists: [String: [ConfigFile.Setting]] = [:]
        for setting in file?.settings ?? [] where setting.command == nil || setting.command == command {
            guard let spec = catalog.spec(setting.option, in: command) else { continue }
            let group = Self.groups.first { $0.contains(setting.option) } ?? [setting.option]
            guard given.isDisjoint(with: group) || setting.option == "field" else { continue }
            if spec.isRepeating {
                lists[setting.option, default: []].append(setting)
            } else if chosen[setting.option]?.command == nil || setting.command != nil {
                chosen[setting.option] = setting  // a command's table wins over the top
            }
        }
        var taken: [(option: String, values: [String], line: Int)] = []
        for spec in catalog.options(of: command) {
            for setting in lists[spec.name] ?? [] {
                guard case .values(let values) = setting.value else { continue }
                // `--field` on the command line replaces the file's mapping of the same field only.
                let kept = spec.name == "field"
                    ? values.filter { !mappedOnCommandLine.contains($0.split(separator: "=").first ?? "") } : values
                if !kept.isEmpty { taken.append((spec.name, kept, setting.line)) }
            }
            if let setting = chosen[spec.name] {
                switch setting.value {
                case .flag(true): taken.append((spec.name, [], setting.line))
                case .flag(false): break
                case .values(let values): taken.append((spec.name, values, setting.line))
                }
            }
        }
        fromFile = taken
        arguments = taken.flatMap { setting in
            setting.values.isEmpty ? ["--" + setting.option] : setting.values.flatMap { ["--" + setting.option, $0] }
        } + commandLine
    }

    /// `message` (a parser's complaint) prefixed with `file:line: ` when it names an option
    /// that came from the file and not from the command line; nil otherwise.
    public func blame(_ message: String) -> String? {
        guard let file else { return nil }
        let given = Self.optionsGiven(commandLine, catalog.options(of: command))
        for setting in fromFile where !given.contains(setting.option) {
            let flag = "--" + setting.option
            if let range = message.range(of: flag),
               message[range.upperBound...].first.map({ !$0.isLetter && $0 != "-" }) ?? true
            {
                return "\(file.path):\(setting.line): \(message)"
            }
        }
        return nil
    }

    /// The long options the command line gives (`--name` or `--name=value`), up to `--`.
    static func optionsGiven(_ arguments: [String], _ options: [OptionSpec]) -> Set<String> {
        var given = Set<String>()
        var i = 0
        while i < arguments.count, arguments[i] != "--" {
            let argument = arguments[i]
            if argument.hasPrefix("--") {
                let name = String(argument.dropFirst(2).prefix { $0 != "=" })
                if let spec = options.first(where: { $0.name == name }) {
                    given.insert(name)
                    if !spec.isFlag && !argument.contains("=") { i += 1 }  // its value
                }
            }
            i += 1
        }
        return given
    }

    /// The values the command line gives an option (`--name v` or `--name=v`).
    public static func values(of name: String, in arguments: [String]) -> [String] {
        var values: [String] = []
        var i = 0
        while i < arguments.count, arguments[i] != "--" {
            if arguments[i] == "--" + name, i + 1 < arguments.count {
                values.append(arguments[i + 1])
                i += 1
            } else if arguments[i].hasPrefix("--\(name)=") {
                values.append(String(arguments[i].dropFirst(name.count + 3)))
            }
            i += 1
        }
        return values
    }

    /// Every option of the command with the value in force and where it came from.
    public func inForce() -> [(option: String, value: String, source: Source)] {
        let options = catalog.options(of: command)
        let given = Self.optionsGiven(commandLine, options)
        var rows: [(String, String, Source)] = []
        for spec in options {
            if given.contains(spec.name) {
                let values = Self.values(of: spec.name, in: commandLine)
                if spec.isFlag {
                    rows.append((spec.name, "on", .commandLine))
                } else {
                    rows += values.map { (spec.name, $0, .commandLine) }
                }
            }
            let fromFile = self.fromFile.filter { $0.option == spec.name }
            if !given.contains(spec.name) || spec.name == "field" {
                for setting in fromFile {
                    let source = Source.file(path: file?.path ?? "", line: setting.line)
                    if setting.values.isEmpty {
                        rows.append((spec.name, "on", source))
                    } else {
                        rows += setting.values.map { (spec.name, $0, source) }
                    }
                }
            }
            if !given.contains(spec.name) && fromFile.isEmpty {
                rows.append((spec.name, spec.isFlag ? "off" : spec.defaultValue ?? "(none)", .defaultValue))
            }
        }
        return rows
    }
}

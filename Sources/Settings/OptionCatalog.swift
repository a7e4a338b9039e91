import EventModel
import Foundation

/// One long option of a command, as the command-line parser describes it.
public struct OptionSpec: Sendable, Equatable {
    public let name: String
    /// A flag takes no value (`--follow`); an option takes one (`--window 5m`).
    public let isFlag: Bool
    /// May be given more than once (`--error`, `--field`).
    public let isRepeating: Bool
    /// The default as `--help` shows it, if any.
    public let defaultValue: String?

    public init(name: String, isFlag: Bool, isRepeating: Bool = false, defaultValue: String? = nil) {
        self.name = name
        self.isFlag = isFlag
        self.isRepeating = isRepeating
        self.defaultValue = defaultValue
    }
}

/// Every command's long options: what a config file may set. Read from the parser's own
/// description of the command line (its `--experimental-dump-help` JSON), so the file takes
/// exactly the options the command line takes and no list is kept by hand.
public struct OptionCatalog: Sendable {
    /// Command name → its options, in `--help` order.
    public let commands: [String: [OptionSpec]]
    /// Options no file sets: the parser's own, and `--config` itself.
    public static let excluded: Set<String> = ["help", "version", "config", "experimental-dump-help"]

    public init(commands: [String: [OptionSpec]]) { self.commands = commands }

    /// The catalog of the root command's subcommands, from the parser's dump-help JSON.
    public init(dumpHelp json: String) throws(DataError) {
        guard let data = json.data(using: .utf8),
              let root = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any],
              let command = root["command"] as? [String: Any]
        else { throw DataError(.corrupt, "the command line's description is not JSON") }
        var commands: [String: [OptionSpec]] = [:]
        for sub in command["subcommands"] as? [[String: Any]] ?? [] {
            guard let name = sub["commandName"] as? String else { continue }
            commands[name] = (sub["arguments"] as? [[String: Any]] ?? []).compactMap(Self.spec)
        }
        self.commands = commands
    }

    private static func spec(_ argument: [String: Any]) -> OptionSpec? {
        guard let kind = argument["kind"] as? String, kind == "option" || kind == "flag",
              let names = argument["names"] as? [[String: Any]],
              let long = names.first(where: { $0["kind"] as? String == "long" })?["name"] as? String,
              !excluded.contains(long)
        else { return nil }
        return OptionSpec(name: long, isFlag: kind == "flag", isRepeating: argument["isRepeating"] as? Bool ?? false,
                          defaultValue: argument["defaultValue"] as? String)
    }

    public func options(of command: String) -> [OptionSpec] { commands[command] ?? [] }

    public func spec(_ name: String, in command: String) -> OptionSpec? {
        options(of: command).first { $0.name == name }
    }

    /// The commands that have an option of this name, sorted.
    public func commands(having name: String) -> [String] {
        commands.filter { $0.value.contains { $0.name == name } }.map(\.key).sorted()
    }
}

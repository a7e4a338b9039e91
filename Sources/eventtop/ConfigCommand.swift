import ArgumentParser
import Foundation
import Output
import Settings

/// `eventtop config [COMMAND] [OPTIONS…]`: the settings in force and where each came from.
struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Show the settings in force for a command, and where each comes from.",
        discussion: """
            Reads the settings file ($XDG_CONFIG_HOME/eventtop/config.toml, or --config FILE) as COMMAND \
            would (default live) with the options given after it, and prints every option's value and its \
            source: the command line, FILE:LINE, or the default.
            """
    )

    @Argument(parsing: .captureForPassthrough, help: ArgumentHelp("A command and its options.", valueName: "command"))
    var words: [String] = []

    func run() throws {
        let command = words.first.flatMap { $0.hasPrefix("-") ? nil : $0 } ?? "live"
        let arguments = [command] + (words.first == command ? Array(words.dropFirst()) : words)
        guard let settings = try SettingsWiring.settings(arguments, evenWithoutFile: true) else {
            throw UsageError("config: '\(command)' is not a command with options")
        }
        do {
            _ = try EventTop.parseAsRoot([command] + settings.arguments)
        } catch {
            throw UsageError(settings.blame(EventTop.message(for: error)) ?? EventTop.message(for: error))
        }
        let rows = settings.inForce().map { ["--" + $0.option, $0.value, $0.source.description] }
        try Console.out("settings file: \(settings.file?.path ?? "none")\n"
            + TextTable.render(header: ["option", "value", "from"], rows: rows, rightAligned: []))
    }
}

/// The settings file read as a command will be run.
enum SettingsWiring {
    static func settings(_ arguments: [String], evenWithoutFile: Bool = false) throws -> CommandSettings? {
        try CommandSettings.read(arguments, environment: ProcessInfo.processInfo.environment, evenWithoutFile: evenWithoutFile)
        { try? OptionCatalog(dumpHelp: EventTop._dumpHelp()) }
    }
}

import ArgumentParser
import Settings
#if canImport(Glibc)
import Glibc
#endif

// Exit status: 0 success, 1 runtime failure, 2 usage error, each error one line on stderr
// (`ExitStatus` decides which, in one place).
signal(SIGPIPE, SIG_IGN)
// No arguments: live on a pipe into stdin, else the demo.
var arguments = Array(CommandLine.arguments.dropFirst())
if arguments.isEmpty { arguments = [isatty(0) == 1 ? "demo" : "live"] }
// The settings file's options go before the command line's (which win), then one parse.
var settings: CommandSettings?
do {
    settings = try SettingsWiring.settings(arguments)
    let effective = settings.map { [$0.command] + $0.arguments } ?? arguments
    GivenOptions.note(effective)
    var command = try EventTop.parseAsRoot(effective)
    try command.run()
} catch {
    exit(ExitStatus.report(error, settings: settings))
}

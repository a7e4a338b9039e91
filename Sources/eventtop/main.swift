import ArgumentParser
#if canImport(Glibc)
import Glibc
#endif

// Exit status: 0 success, 1 runtime failure, 2 usage error, each error one line on stderr
// (`ExitStatus` decides which, in one place).
signal(SIGPIPE, SIG_IGN)
do {
    // No arguments: live on a pipe into stdin, else the demo.
    var arguments = Array(CommandLine.arguments.dropFirst())
    if arguments.isEmpty { arguments = [isatty(0) == 1 ? "demo" : "live"] }
    var command = try EventTop.parseAsRoot(arguments)
    try command.run()
} catch {
    exit(ExitStatus.report(error))
}

import ArgumentParser
#if canImport(Glibc)
import Glibc
#endif

// Exit status: 0 success, 1 runtime failure, 2 usage error, each error one line on stderr.
signal(SIGPIPE, SIG_IGN)
do {
    // No arguments: live on a pipe into stdin, else the demo.
    var arguments = Array(CommandLine.arguments.dropFirst())
    if arguments.isEmpty { arguments = [isatty(0) == 1 ? "demo" : "live"] }
    var command = try EventTop.parseAsRoot(arguments)
    try command.run()
} catch let usage as UsageError {
    Console.error(usage.description)
    exit(2)
} catch let failure as RuntimeFailure {
    Console.error(failure.description)
    exit(1)
} catch let code as ExitCode {
    // The failure was already reported (for example: history's unreadable partitions).
    exit(code.rawValue)
} catch {
    let code = EventTop.exitCode(for: error)
    if code == .success {
        // --help and --version.
        print(EventTop.fullMessage(for: error))
        exit(0)
    }
    if let cleanExit = error as? CleanExit {
        _ = cleanExit
        exit(0)
    }
    let message = EventTop.message(for: error).split(separator: "\n").first.map(String.init) ?? "\(error)"
    if code == .validationFailure || error is ValidationError {
        Console.error("\(message) (see eventtop --help)")
        exit(2)
    }
    Console.error(message)
    exit(code == .failure ? 1 : 2)
}

import ArgumentParser
import Dashboard
import EventModel
import Output
import Parquet
import Settings
import Terminal

/// A failure while running: printed as one line, exit status 1.
struct RuntimeFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// A usage error found while running: printed as one line, exit status 2.
struct UsageError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// The one place errors become exit statuses: 0 success (`--help`, `--version`), 1 a failure
/// while running, 2 a usage error; each reported as one line on stderr.
enum ExitStatus {
    /// Prints what `error` says and returns the status to exit with; a parser complaint about
    /// a value from the settings file names the file's line.
    static func report(_ error: any Error, settings: CommandSettings? = nil) -> Int32 {
        switch error {
        case let usage as UsageError:
            Console.error(usage.description)
            return 2
        case let failure as RuntimeFailure:
            Console.error(failure.description)
            return 1
        case let data as DataError:
            Console.error(data.description)
            return data.kind == .usage ? 2 : 1
        case let parquet as ParquetError:
            Console.error(parquet.description)
            return 1
        case let theme as ThemeError:
            Console.error("--theme: \(theme.description)")
            return 2
        case let terminal as TerminalError:
            Console.error(terminal.description)
            return 1
        case let code as ExitCode:
            // The failure was already reported (for example: history's unreadable partitions).
            return code.rawValue
        default:
            return reportParserError(error, settings: settings)
        }
    }

    /// What the argument parser throws: help and version (0), validation and unknown flags (2).
    private static func reportParserError(_ error: any Error, settings: CommandSettings?) -> Int32 {
        let code = EventTop.exitCode(for: error)
        if code == .success {
            print(EventTop.fullMessage(for: error))
            return 0
        }
        if error is CleanExit { return 0 }
        let message = EventTop.message(for: error).split(separator: "\n").first.map(String.init) ?? "\(error)"
        if let blamed = settings?.blame(message) {
            Console.error(blamed)
            return 2
        }
        if code == .validationFailure || error is ValidationError {
            Console.error("\(message) (see eventtop --help)")
            return 2
        }
        Console.error(message)
        return code == .failure ? 1 : 2
    }
}

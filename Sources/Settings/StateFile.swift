#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import EventModel
import TOMLKit

/// The screen's own state between runs (DESIGN §8): `$XDG_STATE_HOME/eventtop/state.toml`, flat
/// `key = "value"` lines. What the keys mean is the dashboard's business; this reads and
/// writes them.
public enum StateFile {
    /// The values in the file; nil when there is no file. A file that cannot be read or parsed
    /// is an error naming it (the caller says so and goes on without it).
    public static func read(_ path: String) throws(DataError) -> [String: String]? {
        guard access(path, F_OK) == 0 else { return nil }
        let text = try TextFile.contents(of: path)
        if let problem = TOMLPrecheck.firstProblem(in: text) { throw DataError(.usage, "\(path):\(problem.line): \(problem.message)") }
        guard TOMLParseGuard.trial(text) == .survived else { throw DataError(.usage, "\(path): not valid TOML") }
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw DataError(.usage, "\(path):\(error.source.begin.line): \(error.description)")
        } catch {
            throw DataError(.usage, "\(path): \(error)")
        }
        var values: [String: String] = [:]
        for key in table.keys {
            guard let value = table[key] else { continue }
            if let text = value.string {
                values[key] = text
            } else if let number = value.int {
                values[key] = String(number)
            } else if let flag = value.bool {
                values[key] = flag ? "true" : "false"
            }
        }
        return values
    }

    /// Writes the values, replacing the file whole (a temporary file renamed over it). The
    /// folder must exist.
    public static func write(_ path: String, values: [String: String]) throws(DataError) {
        var text = "# eventtop's screen state, written when it quits (eventtop live --no-restore ignores it).\n"
        for key in values.keys.sorted() { text += "\(key) = \(quoted(values[key]!))\n" }
        let temporary = "\(path).\(getpid()).tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw .io("\(path): cannot write: \(DataError.systemReason)") }
        let bytes = Array(text.utf8)
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + done, bytes.count - done) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else {
                let reason = DataError.systemReason
                close(fd)
                unlink(temporary)
                throw .io("\(path): cannot write: \(reason)")
            }
            done += n
        }
        guard close(fd) == 0, rename(temporary, path) == 0 else {
            let reason = DataError.systemReason
            unlink(temporary)
            throw .io("\(path): cannot write: \(reason)")
        }
    }

    /// A TOML basic string.
    static func quoted(_ value: String) -> String {
        var out = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    let hex = String(scalar.value, radix: 16, uppercase: true)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}

/// Why a theme could not be had. Each prints as one line naming the file and line, or the
/// theme, at fault: `themes/x.theme:7: unknown color "bleu"`.
public enum ThemeError: Error, Equatable, CustomStringConvertible {
    /// A line of a theme file is wrong.
    case badLine(path: String, line: Int, message: String)
    /// A theme file cannot be read: missing, not a regular file, too large, not UTF-8.
    case unreadable(path: String, reason: String)
    /// No theme has this name (`--theme NAME`).
    case unknownTheme(name: String, available: [String])

    public var description: String {
        switch self {
        case let .badLine(path, line, message):
            "\(path):\(line): \(message)"
        case let .unreadable(path, reason):
            "\(path): \(reason)"
        case let .unknownTheme(name, available):
            "unknown theme \(quoted(name)) (available: \(available.joined(separator: ", ")))"
        }
    }
}

/// A word from a theme file or the command line, in quotes, fit for one line of a terminal:
/// control and format characters are written as `\u{…}` and long words are cut.
func quoted(_ word: some StringProtocol) -> String {
    var text = ""
    var count = 0
    for scalar in word.unicodeScalars {
        if count == 40 {
            text += "…"
            break
        }
        count += 1
        let category = scalar.properties.generalCategory
        let hidden = scalar.value < 0x20 || (scalar.value >= 0x7F && scalar.value <= 0x9F)
            || category == .format || category == .control || category == .lineSeparator
            || category == .paragraphSeparator || category == .privateUse || category == .unassigned
        if hidden {
            text += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
        } else if scalar == "\"" || scalar == "\\" {
            text += "\\" + String(scalar)
        } else {
            text.unicodeScalars.append(scalar)
        }
    }
    return "\"" + text + "\""
}

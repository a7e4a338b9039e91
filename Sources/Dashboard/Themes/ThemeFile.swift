import Cells

/// Reads theme files (`themes/NAME.theme`):
///
///     # comment (also after a space at the end of a line: `bar = cyan  # calm`)
///     name = nord
///     base = #D8DEE9 on #2E3440
///     selection = #2E3440 on #88C0D0 bold
///
/// One `role = [FG] [on BG] [bold] [dim] [reverse] [underline] [italic]` line a role
/// (`ThemeRole`). A color is `default` (the terminal's own), a name (`black red green yellow
/// blue magenta cyan white`, `bright-…` variants, `gray`/`grey`), a number 0–255 or
/// `#RRGGBB`. In a role other than `base`, a color left out is the `base` color; roles left
/// out take `Theme.dark`'s style, with its `default` colors replaced by the `base` colors,
/// so a theme that paints a background sets it once. `name`, when given, must be the file's
/// name. Any mistake is a `ThemeError` naming the file and line; nothing in a file can crash.
public enum ThemeFile {
    /// Files larger than this are refused: themes are a few dozen lines.
    public static let maximumSize = 64 * 1024

    /// The theme in a file; its name is the file's name without `.theme`.
    public static func load(path: String) throws(ThemeError) -> Theme {
        let text = try ThemeFileReader.text(atPath: path, maximumSize: maximumSize)
        return try parse(text, path: path, name: themeName(ofPath: path))
    }

    /// The name of the theme a file holds: its last path component without `.theme`.
    public static func themeName(ofPath path: String) -> String {
        let file = path.split(separator: "/", omittingEmptySubsequences: true).last.map(String.init) ?? path
        return file.hasSuffix(".theme") ? String(file.dropLast(".theme".count)) : file
    }

    /// The theme a file's text describes. `path` only names the file in errors.
    public static func parse(_ text: String, path: String, name: String) throws(ThemeError) -> Theme {
        var specs: [ThemeRole: StyleSpec] = [:]
        var lineOfRole: [ThemeRole: Int] = [:]
        var nameLine: Int?
        var lineNumber = 0
        // "\r\n" is one Character, so split on it as well as on "\n".
        for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            lineNumber += 1
            let line = withoutComment(rawLine)
            if line.isEmpty { continue }
            func fail(_ message: String) -> ThemeError {
                .badLine(path: path, line: lineNumber, message: message)
            }
            guard let equals = line.firstIndex(of: "=") else {
                throw fail("expected \"role = style\" or \"name = NAME\", found \(quoted(line))")
            }
            let key = trimmed(line[..<equals]).lowercased()
            let value = trimmed(line[line.index(after: equals)...])
            if key == "name" {
                if let earlier = nameLine { throw fail("name is already set on line \(earlier)") }
                guard value == name else {
                    throw fail("name \(quoted(value)) is not the file's name \(quoted(name))")
                }
                nameLine = lineNumber
                continue
            }
            if key.isEmpty { throw fail("a role name must come before \"=\"") }
            guard let role = ThemeRole(rawValue: key) else {
                let roles = ThemeRole.allCases.map(\.fileName).joined(separator: " ")
                throw fail("unknown role \(quoted(key)) (roles: \(roles))")
            }
            if let earlier = lineOfRole[role] { throw fail("\(role.fileName) is already set on line \(earlier)") }
            do {
                specs[role] = try StyleSpec(parsing: value)
            } catch {
                throw fail(error.message)
            }
            lineOfRole[role] = lineNumber
        }
        return resolve(specs, name: name)
    }

    /// Roles as the file gives them, filled in from `base` and `Theme.dark`.
    static func resolve(_ specs: [ThemeRole: StyleSpec], name: String) -> Theme {
        var theme = Theme.dark
        theme.name = name
        let base = specs[.base].map {
            CellStyle(foreground: $0.foreground ?? .terminalDefault, background: $0.background ?? .terminalDefault,
                      attributes: $0.attributes)
        } ?? Theme.dark.base
        for role in ThemeRole.allCases {
            if role == .base {
                theme.base = base
            } else if let spec = specs[role] {
                theme[role] = CellStyle(foreground: spec.foreground ?? base.foreground,
                                        background: spec.background ?? base.background,
                                        attributes: spec.attributes)
            } else {
                let inherited = Theme.dark[role]
                theme[role] = CellStyle(
                    foreground: inherited.foreground == .terminalDefault ? base.foreground : inherited.foreground,
                    background: inherited.background == .terminalDefault ? base.background : inherited.background,
                    attributes: inherited.attributes)
            }
        }
        return theme
    }

    /// The line without its comment, trimmed. A line whose first visible character is `#` is
    /// a comment; later, a comment starts at a `#` that follows a space or tab, and is followed by a space, a tab or the end of the line
    /// (so `#RRGGBB` colors are not comments).
    static func withoutComment(_ line: Substring) -> Substring {
        let line = trimmed(line)
        if line.first == "#" { return "" }
        var previous: Character = "#"
        var index = line.startIndex
        while index < line.endIndex {
            let character = line[index]
            let next = line.index(after: index)
            if character == "#" && isSpace(previous) && (next == line.endIndex || isSpace(line[next])) {
                return trimmed(line[..<index])
            }
            previous = character
            index = next
        }
        return line
    }

    static func isSpace(_ character: Character) -> Bool {
        character == " " || character == "\t" || character == "\r" || character == "\u{FEFF}"
    }

    static func trimmed(_ text: Substring) -> Substring {
        var text = text
        while let first = text.first, isSpace(first) { text = text.dropFirst() }
        while let last = text.last, isSpace(last) { text = text.dropLast() }
        return text
    }
}

/// One role's line: colors it gives (nil: left out) and attributes.
struct StyleSpec: Equatable {
    var foreground: Color?
    var background: Color?
    var attributes: TextAttributes = []

    static let attributeNames: [String: TextAttributes] = [
        "bold": .bold, "dim": .dim, "reverse": .reverse, "underline": .underline, "italic": .italic,
    ]

    /// `[FG] [on BG] [attribute…]`, attributes in any order.
    init(parsing value: Substring) throws(ThemeLineProblem) {
        let words = value.split(whereSeparator: { ThemeFile.isSpace($0) })
        guard !words.isEmpty else {
            throw ThemeLineProblem("no style given (expected a color, \"on\" and a color, or bold dim reverse underline italic)")
        }
        var index = 0
        var sawAttribute = false
        while index < words.count {
            let word = words[index]
            let lower = word.lowercased()
            index += 1
            if let attribute = Self.attributeNames[lower] {
                attributes.insert(attribute)
                sawAttribute = true
            } else if lower == "on" {
                guard index < words.count else { throw ThemeLineProblem("\"on\" must be followed by a color") }
                guard background == nil else { throw ThemeLineProblem("two background colors") }
                background = try ThemeColorWord.color(words[index])
                index += 1
            } else if let color = try? ThemeColorWord.color(word) {
                if sawAttribute { throw ThemeLineProblem("colors come before attributes (write \"FG on BG bold\")") }
                if background != nil { throw ThemeLineProblem("the foreground color comes before \"on\"") }
                if foreground != nil { throw ThemeLineProblem("two foreground colors (write \"FG on BG\")") }
                foreground = color
            } else if (foreground == nil && background == nil && !sawAttribute) || ThemeColorWord.looksLikeColor(lower) {
                _ = try ThemeColorWord.color(word)  // throws the color's own problem
            } else {
                throw ThemeLineProblem(
                    "unexpected \(quoted(word)) (expected \"on COLOR\" or bold dim reverse underline italic)")
            }
        }
    }
}

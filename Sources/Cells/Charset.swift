import CSystem

/// What the terminal can show: UTF-8 (box lines, block bars, wide characters) or ASCII only.
public enum Charset: Sendable, Equatable {
    case utf8
    case ascii

    /// The charset of the current `LC_CTYPE` (call `setlocale` first).
    public static func ofCurrentLocale() -> Charset {
        guard let codeset = eventtop_codeset() else { return .ascii }
        let name = String(cString: codeset).uppercased()
        return name == "UTF-8" || name == "UTF8" ? .utf8 : .ascii
    }

    /// What `…` becomes.
    public var ellipsis: Character { self == .utf8 ? "…" : "~" }
}

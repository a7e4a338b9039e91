import Cells

/// A role of `Theme`, as theme files name it (`column-header = cyan bold`).
public enum ThemeRole: String, CaseIterable, Sendable {
    case base
    case header
    case status
    case border
    case title
    case focus
    case columnHeader = "column-header"
    case selection
    case muted
    case number
    case error
    case warning
    case good
    case bar
    case sparkline
    case errorBar = "error-bar"
    case key
    case overlay

    /// The name a theme file uses.
    public var fileName: String { rawValue }

    /// Where the role's style lives in a `Theme`.
    public var keyPath: WritableKeyPath<Theme, CellStyle> {
        switch self {
        case .base: \.base
        case .header: \.header
        case .status: \.status
        case .border: \.border
        case .title: \.title
        case .focus: \.focus
        case .columnHeader: \.columnHeader
        case .selection: \.selection
        case .muted: \.muted
        case .number: \.number
        case .error: \.error
        case .warning: \.warning
        case .good: \.good
        case .bar: \.bar
        case .sparkline: \.sparkline
        case .errorBar: \.errorBar
        case .key: \.key
        case .overlay: \.overlay
        }
    }
}

extension Theme {
    /// The style of one role.
    public subscript(role: ThemeRole) -> CellStyle {
        get { self[keyPath: role.keyPath] }
        set { self[keyPath: role.keyPath] = newValue }
    }
}

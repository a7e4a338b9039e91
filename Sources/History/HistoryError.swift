/// A failure of the history reader, with the file or date it concerns in its message.
public struct HistoryError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

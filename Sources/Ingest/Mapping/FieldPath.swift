import EventModel

/// A path into a line's JSON object: `context.groupId`, `attributes[0].value`, `a\.b` (a key
/// with a dot in it; `\` also escapes `\ [ ] = ! < >`). Keys are compared as UTF-8 bytes, after the line's escapes are undone.
public struct FieldPath: Hashable, Sendable, CustomStringConvertible {
    public enum Step: Hashable, Sendable {
        case key([UInt8])
        case index(Int)
    }

    public let steps: [Step]
    public let description: String

    /// Deepest path accepted: far beyond any real event, and it bounds the scanner's recursion.
    public static let maxSteps = 32
    /// Largest `[N]` accepted.
    public static let maxIndex = 1 << 20

    /// What `\` escapes: the path's own punctuation, and the operators of `--error`.
    static let escapable = Set(".\\[]=!<>".utf8)

    public init(key: String) {
        steps = [.key(Array(key.utf8))]
        description = key
    }

    /// Parses a path; the error says what is wrong with it (the caller names the flag).
    public init(parsing text: String) throws(DataError) {
        var steps: [Step] = []
        var key: [UInt8] = []
        var keyOpen = true  // a key may (must, at the start and after a dot) begin here
        var bytes = Array(text.utf8)[...]
        func fail(_ why: String) -> DataError { DataError(.usage, "path '\(text)': \(why)") }
        while let b = bytes.popFirst() {
            switch b {
            case UInt8(ascii: "\\"):
                guard let next = bytes.popFirst(), Self.escapable.contains(next) else {
                    throw fail("\\ escapes only . \\ [ ] = ! < >")
                }
                guard keyOpen else { throw fail("a key must follow a dot") }
                key.append(next)
            case UInt8(ascii: "."):
                if keyOpen {
                    guard !key.isEmpty else { throw fail("empty key") }
                    steps.append(.key(key))
                    key = []
                } else {
                    keyOpen = true  // after `]`
                }
                guard !bytes.isEmpty else { throw fail("ends with a dot") }
            case UInt8(ascii: "["):
                if keyOpen {
                    guard !key.isEmpty else { throw fail("[N] must follow a key") }
                    steps.append(.key(key))
                    key = []
                    keyOpen = false
                }
                guard let close = bytes.firstIndex(of: UInt8(ascii: "]")) else { throw fail("[ without ]") }
                let digits = bytes[bytes.startIndex..<close]
                guard !digits.isEmpty, digits.count <= 7, digits.allSatisfy({ $0 &- 0x30 < 10 }),
                      let index = Int(String(decoding: digits, as: UTF8.self)), index <= Self.maxIndex
                else { throw fail("[\(String(decoding: digits, as: UTF8.self))] is not an index from 0 to \(Self.maxIndex)") }
                steps.append(.index(index))
                bytes = bytes[(close + 1)...]
                if let next = bytes.first, next != UInt8(ascii: "."), next != UInt8(ascii: "[") {
                    throw fail("a dot or [ must follow ]")
                }
            case UInt8(ascii: "]"):
                throw fail("] without [")
            default:
                guard keyOpen else { throw fail("a dot or [ must follow ]") }
                key.append(b)
            }
        }
        if keyOpen {
            guard !key.isEmpty else { throw fail("empty key") }
            steps.append(.key(key))
        }
        guard steps.count <= Self.maxSteps else { throw fail("deeper than \(Self.maxSteps) steps") }
        self.steps = steps
        description = text
    }

    /// The single key of a top-level path, if that is what it is.
    public var topLevelKey: [UInt8]? {
        guard steps.count == 1, case .key(let key) = steps[0] else { return nil }
        return key
    }

    public static func == (a: FieldPath, b: FieldPath) -> Bool { a.steps == b.steps }
    public func hash(into h: inout Hasher) { h.combine(steps) }
}

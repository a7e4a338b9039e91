#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import EventModel

/// Decodes one NDJSON line into a `RawEvent`, on raw bytes (no Foundation JSON): field order
/// free, unknown fields skipped whatever they hold, duplicate keys last-wins, strict JSON and
/// UTF-8. See Tests/oracle/SEMANTICS.md for the exact rules. Events laid out as eventtop's own
/// (the default mapping) take a fast path that knows the keys; any other mapping takes the
/// path scanner.
public struct EventLineDecoder {
    /// Longest accepted tenant_id, event_type and session_id, in bytes.
    public static let maxNameBytes = EventAssembler.maxNameBytes

    private var assembler: EventAssembler
    private var stack: [Bool] = []
    /// The scanner of a mapping off the fast path.
    private var paths: PathScanning?
    /// A terminated copy of a line given by `decode(_:count:)`.
    private var copy: [UInt8] = []
    /// The layouts of lines the fast path decoded.
    private let shapes = LineShapes()
    /// `decodeLearned` tried the next line against the layouts and missed: it is not tried again.
    private var triedLearned = false

    public init(mapping: EventMapping = .standard) {
        if mapping.isStandardLayout {
            assembler = EventAssembler(mapping: mapping, ruleSlots: mapping.errorRules.map(Self.fieldSlot),
                                       slotCount: EventAssembler.firstRuleSlot)
            return
        }
        var paths: [(path: FieldPath, slot: Int)] = []
        for field in EventField.allCases {
            for (k, path) in mapping.paths(of: field).enumerated() {
                paths.append((path, k == 0 ? field.rawValue : k == 1 ? EventAssembler.tsAliasSlots.0 : EventAssembler.tsAliasSlots.1))
            }
        }
        var rulePaths: [FieldPath] = []
        var ruleSlots: [Int] = []
        for rule in mapping.errorRules {
            switch rule.target {
            case .field:
                ruleSlots.append(Self.fieldSlot(rule))
            case .path(let path):
                if let known = rulePaths.firstIndex(of: path) {
                    ruleSlots.append(EventAssembler.firstRuleSlot + known)
                } else {
                    rulePaths.append(path)
                    ruleSlots.append(EventAssembler.firstRuleSlot + rulePaths.count - 1)
                    paths.append((path, ruleSlots.last!))
                }
            }
        }
        assembler = EventAssembler(mapping: mapping, ruleSlots: ruleSlots,
                                   slotCount: EventAssembler.firstRuleSlot + rulePaths.count)
        self.paths = PathScanning(trie: PathTrie(paths), slots: assembler.slots, keyScratch: assembler.keyScratch)
    }

    private static func fieldSlot(_ rule: ErrorRule) -> Int {
        if case .field(let field) = rule.target { return field.rawValue }
        preconditionFailure("a path rule has no field slot")
    }

    /// The learned layouts' steps and credit (for tests).
    var shapeStatistics: (steps: Int, credit: Int) { shapes.statistics }

    /// Numeric timestamps read under `--ts-unit auto` so far, by the unit taken.
    public var autoUnits: [Int] { assembler.autoUnits }

    /// The keys of the fast path, by the slot each fills.
    fileprivate enum Field: Int {
        case tenant = 0, eventType = 1, ts = 2, session = 3, timestamp = 4, eventTs = 5
    }

    @inline(__always)
    fileprivate static func field(_ p: UnsafePointer<UInt8>, _ start: Int, _ len: Int) -> Field? {
        @inline(__always) func equals(_ s: StaticString) -> Bool {
            s.utf8CodeUnitCount == len && memcmp(p + start, s.utf8Start, len) == 0
        }
        switch len {
        case 2: return equals("ts") ? .ts : nil
        case 8: return equals("event_ts") ? .eventTs : nil
        case 9: return equals("tenant_id") ? .tenant : equals("timestamp") ? .timestamp : nil
        case 10: return equals("event_type") ? .eventType : equals("session_id") ? .session : nil
        default: return nil
        }
    }

    /// The known keys spelled plainly, recognised from two 8-byte loads (little-endian) with
    /// their closing quote; returns the field and the index after the quote.
    @inline(__always)
    private static func knownKey(_ p: UnsafePointer<UInt8>, _ k: Int) -> (Field, Int)? {
        // SAFETY: the line is terminated (k <= n, and lineSlack >= 16 bytes follow its \n); a
        // match holds no \n, so it lies inside the line.
        let w0 = UnsafeRawPointer(p + k).loadUnaligned(as: UInt64.self)
        let w1 = UnsafeRawPointer(p + k + 8).loadUnaligned(as: UInt64.self)
        if w0 & 0xFF_FFFF == 0x22_7374 { return (.ts, k + 3) }  // ts"
        switch w0 {
        case 0x695F_746E_616E_6574:  // tenant_i
            return w1 & 0xFFFF == 0x2264 ? (.tenant, k + 10) : nil  // d"
        case 0x7974_5F74_6E65_7665:  // event_ty
            return w1 & 0xFF_FFFF == 0x22_6570 ? (.eventType, k + 11) : nil  // pe"
        case 0x5F6E_6F69_7373_6573:  // session_
            return w1 & 0xFF_FFFF == 0x22_6469 ? (.session, k + 11) : nil  // id"
        case 0x6D61_7473_656D_6974:  // timestam
            return w1 & 0xFFFF == 0x2270 ? (.timestamp, k + 10) : nil  // p"
        case 0x7374_5F74_6E65_7665:  // event_ts
            return w1 & 0xFF == 0x22 ? (.eventTs, k + 9) : nil  // "
        default:
            return nil
        }
    }

    /// Decodes one line (without its `\n`) from any buffer: it is copied and terminated first.
    /// Lines from a `LineSplitter` take `decode(terminated:count:)`, which copies nothing.
    public mutating func decode(_ p: UnsafePointer<UInt8>, count n: Int) -> LineOutcome {
        let needed = n + 1 + TerminatedScanning.lineSlack
        var buffer = copy.count < needed ? [UInt8](repeating: 0, count: needed) : copy
        copy = []
        defer { copy = buffer }
        return buffer.withUnsafeMutableBufferPointer { buffer in
            let line = buffer.baseAddress!
            line.update(from: p, count: n)
            line[n] = 0x0A
            return decode(terminated: UnsafePointer(line), count: n)
        }
    }

    /// Decodes one terminated line: `p[n]` is its `\n`, and `TerminatedScanning.lineSlack`
    /// bytes after it are readable, as with every line a `LineSplitter` hands out.
    public mutating func decode(terminated p: UnsafePointer<UInt8>, count n: Int) -> LineOutcome {
        precondition(p[n] == 0x0A, "a terminated line ends with \\n")
        let triedLearned = self.triedLearned
        self.triedLearned = false
        typealias T = TerminatedScanning
        let start = p[0] > 0x20 ? 0 : T.skipWhitespace(p, 0)
        if start == n { return .blank }
        assembler.clear()
        var end: Int
        if !triedLearned && shapes.shouldTry() {
            end = shapes.match(p, start, n, slots: assembler.slots, stack: &stack)
            if end >= 0 {
                if p[end] <= 0x20 { end = T.skipWhitespace(p, end) }
                if end == n { return assembler.assemble(p) }
            }
            assembler.clear()
        }
        end = paths != nil ? paths!.scanLine(p, start, n) : scanKnownKeys(p, start, n)
        if end >= 0, shapes.wantsToLearn() {
            let valueEnd = end
            if p[end] <= 0x20 { end = T.skipWhitespace(p, end) }
            if end == n { learnShape(p, start, valueEnd, n) }
        }
        if end >= 0 && p[end] <= 0x20 { end = T.skipWhitespace(p, end) }
        guard end == n else {
            // Not valid JSON: the line is rejected as invalid UTF-8 when its bytes are.
            return .rejected(UTF8Validation.isValid(p, count: n) ? .invalidJSON : .invalidUTF8)
        }
        return assembler.assemble(p)
    }

    /// Decodes a line of a learned layout before its end is known: the line starts at `p`, and
    /// a `\n` follows within `available` bytes with the slack after it (as in a `LineChunk`).
    /// Every scan stops at that `\n` (it is neither glue nor part of any value), so a layout
    /// that matches ends the line there. The line's length and outcome; nil when the line does
    /// not follow a learned layout or is over `maxLineBytes` (it is then decoded measured, and
    /// not tried against the layouts again).
    @inline(__always)
    mutating func decodeLearned(_ p: UnsafePointer<UInt8>, available: Int, maxLineBytes: Int) -> (Int, LineOutcome)? {
        typealias T = TerminatedScanning
        triedLearned = false
        guard shapes.shouldTry() else { return nil }
        let start = p[0] > 0x20 ? 0 : T.skipWhitespace(p, 0)
        assembler.clear()
        var end = shapes.match(p, start, available, slots: assembler.slots, stack: &stack)
        if end >= 0 && p[end] <= 0x20 { end = T.skipWhitespace(p, end) }
        guard end >= 0, p[end] == 0x0A, end <= maxLineBytes else {
            triedLearned = true
            return nil
        }
        return (end, assembler.assemble(p))
    }

    /// Learns the layout of a valid line (its object from `start` to `end`), with the slots the
    /// mapping's values fill.
    private mutating func learnShape(_ p: UnsafePointer<UInt8>, _ start: Int, _ end: Int, _ n: Int) {
        if let paths {
            shapes.learn(p, start, end, n, resolver: PathShapeResolver(trie: paths.trie, keyScratch: assembler.keyScratch))
        } else {
            shapes.learn(p, start, end, n, resolver: StandardShapeResolver(decoder: self))
        }
    }

    /// A learned layout's view of eventtop's own layout: the root's keys are the known fields
    /// (node = field + 1), whose values fill their slots whole.
    private struct StandardShapeResolver: ShapeResolver {
        let decoder: EventLineDecoder
        var root: Int { 0 }

        func child(of node: Int, key p: UnsafePointer<UInt8>, _ start: Int, _ end: Int, escaped: Bool) -> Int {
            guard node == 0 else { return -1 }
            let field = escaped ? decoder.escapedKeyField(p, start, end) : EventLineDecoder.field(p, start, end - start)
            return field.map { $0.rawValue + 1 } ?? -1
        }

        func child(of node: Int, index: Int) -> Int { -1 }

        func info(_ node: Int) -> ShapeNodeInfo {
            node == 0 ? ShapeNodeInfo(hasChildren: true, descendsIntoObjects: true)
                : ShapeNodeInfo(slotCount: 1, slot: node - 1)
        }
    }

    /// The fast path: one object whose members are matched against the default keys; the
    /// index after it, or -1 when the line is not valid JSON.
    private mutating func scanKnownKeys(_ p: UnsafePointer<UInt8>, _ i0: Int, _ n: Int) -> Int {
        typealias T = TerminatedScanning
        var i = i0
        guard p[i] == 0x7B else { return -1 }
        i += 1
        if p[i] <= 0x20 { i = T.skipWhitespace(p, i) }
        if p[i] == 0x7D { return i + 1 }
        let slots = assembler.slots
        while true {
            guard p[i] == 0x22 else { return -1 }
            let keyStart = i + 1
            let field: Field?
            if let (known, end) = Self.knownKey(p, keyStart) {
                field = known
                i = end
            } else {
                var keyEscaped = false
                i = T.scanString(p, keyStart, n, escaped: &keyEscaped)
                if i < 0 { return -1 }
                field = keyEscaped
                    ? escapedKeyField(p, keyStart, i - 1)
                    : Self.field(p, keyStart, i - 1 - keyStart)
            }
            if p[i] != 0x3A {
                i = T.skipWhitespace(p, i)
                guard p[i] == 0x3A else { return -1 }
            }
            i += 1
            if p[i] <= 0x20 { i = T.skipWhitespace(p, i) }
            if let field {
                if p[i] == 0x22 {
                    // Strings, the common case, scanned here; other kinds by FieldSlot.
                    var escaped = false
                    let end = T.scanString(p, i + 1, n, escaped: &escaped)
                    if end < 0 { return -1 }
                    slots[field.rawValue] = FieldSlot(kind: .string, start: i + 1, end: end - 1, escaped: escaped)
                    i = end
                } else {
                    let slot = FieldSlot.scan(p, i, n, stack: &stack)
                    i = slot.next
                    slots[field.rawValue] = slot
                }
            } else if p[i] == 0x22 {
                // An unknown string (a user id, a name): scanned here, without the skipper's call.
                var escaped = false
                i = T.scanString(p, i + 1, n, escaped: &escaped)
            } else {
                i = T.skipValue(p, i, n, stack: &stack)
            }
            if i < 0 { return -1 }
            let after = T.afterItem(p, i, close: 0x7D)
            guard after.more else { return after.next }
            i = after.next
        }
    }

    /// The known field named by an escaped key (`"t\u0073"` is `ts`), if any.
    fileprivate func escapedKeyField(_ p: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Field? {
        let key = assembler.keyScratch
        let len = JSONScanning.unescape(p, start, end, into: key, capacity: ScratchStorage.keyCapacity)
        guard len > 0, len <= ScratchStorage.keyCapacity else { return nil }
        return Self.field(UnsafePointer(key), 0, len)
    }
}

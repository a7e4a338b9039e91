/// The layouts of lines the fast path decoded, learned so that the next line of the same layout
/// is checked against it instead of parsed token by token. Most streams come from one serializer:
/// every line has the same keys in the same order with the same bytes between the values, and
/// only the values change.
///
/// A line is cut into *glue* (structure, keys, literals and whitespace, compared byte for byte)
/// and *values* between the glue (strings and numbers, scanned as the fast path scans them, and
/// the values of the known keys, which fill their slots). The layouts seen form a trie of steps,
/// each a glue followed by what to do after it; a line follows the trie from its root, taking at
/// each step the first child whose glue matches. A line that follows it to an end is valid JSON:
/// its tokens are those of a valid line, with each value replaced by a valid value of the same
/// kind, and its slots are filled as the token-by-token scan fills them (the same scans, in the
/// same order). Any other line, valid or not, is a miss and takes the token-by-token scan,
/// which gives the outcome; the layouts of valid lines that missed are learned.
///
/// Learning is bounded: at most `stepCapacity` steps and `glueCapacity` glue bytes, after which
/// the trie starts over; and a stream whose layouts keep changing stops being learned (and is
/// only sampled), so that it costs little more than the scan alone.
struct LineShapes {
    enum Action: UInt8 {
        /// The line's top-level value ends after the glue.
        case end
        /// An unknown string value (its opening quote is in the glue).
        case skipString
        /// An unknown number.
        case skipNumber
        /// A known key's string value (its opening quote is in the glue), into `slot`.
        case fieldString
        /// A known key's value of any other kind, into `slot`.
        case fieldAny
        /// The sentinel (step 0), last of every chain of siblings: its empty glue matches
        /// whatever follows, and it ends the line as a miss.
        case miss
    }

    struct Step {
        /// The first 16 glue bytes (little-endian words) and the masks of those that count.
        var w0: UInt64 = 0, w1: UInt64 = 0, m0: UInt64 = 0, m1: UInt64 = 0
        var length: Int32 = 0
        /// Where glue bytes past the first 16 start in `glue`.
        var rest: Int32 = 0
        var action = Action.end
        var slot: UInt8 = 0
        /// 0 (the sentinel) for none: a chain of children or siblings ends there.
        var firstChild: Int32 = 0
        var nextSibling: Int32 = 0
        /// Glue bytes 16 to 23 (zero past the glue): glue up to 24 bytes needs no loop. It also
        /// makes a step 64 bytes (an index is a shift).
        var w2: UInt64 = 0

        static let sentinel = Step(action: .miss)
    }

    static let stepCapacity = 256
    static let glueCapacity = 8192
    /// The longest glue learned (a longer one leaves the line unlearned).
    static let maxGlue = 1024

    private let storage = Storage()

    /// One piece of a line being learned: glue from `start` to `end`, then `action`.
    struct Piece {
        var start: Int, end: Int, action: Action, slot: UInt8
    }

    final class Storage {
        let steps = UnsafeMutablePointer<Step>.allocate(capacity: LineShapes.stepCapacity)
        /// Glue past each step's first 16 bytes, padded so 8-byte loads stay inside.
        let glue = UnsafeMutablePointer<UInt8>.allocate(capacity: LineShapes.glueCapacity + 8)
        var stepCount = 1
        var glueCount = 0
        /// The first step of the first line's layout; 0 (the sentinel) while none is learned.
        var root: Int32 = 0
        /// Hits earn credit and misses spend it; learning costs more. Without credit a miss is
        /// not learned, and below `-sampling` only one line in `samplingPeriod` is tried.
        var credit = LineShapes.startCredit
        var tryClock = 0
        var learnClock = 0
        var pieces: [Piece] = []
        var stackScratch: [Bool] = []
        var visited = Set<Int>()

        init() {
            glue.initialize(repeating: 0, count: LineShapes.glueCapacity + 8)
            steps.initialize(to: .sentinel)
        }

        deinit {
            steps.deallocate()
            glue.deallocate()
        }
    }

    static let startCredit = 256
    static let maxCredit = 1024
    static let learnCost = 16
    static let sampling = 256
    static let samplingPeriod = 64

    /// Steps learned and credit left (for tests).
    var statistics: (steps: Int, credit: Int) { (storage.stepCount, storage.credit) }

    /// Whether the next line is worth trying against the trie: always while credit lasts above
    /// `-sampling`, then one line in `samplingPeriod` (a hit restores credit).
    @inline(__always)
    func shouldTry() -> Bool {
        let s = storage
        if s.root == 0 { return false }
        if s.credit > -Self.sampling { return true }
        s.tryClock &+= 1
        return s.tryClock & (Self.samplingPeriod - 1) == 0
    }

    /// Whether a line that missed (or was not tried) should be learned: while credit lasts,
    /// then one such line in `samplingPeriod`.
    func wantsToLearn() -> Bool {
        let s = storage
        if s.credit >= Self.learnCost { return true }
        s.learnClock &+= 1
        return s.learnClock & (Self.samplingPeriod - 1) == 0
    }

    /// Follows the trie over the terminated line `p` (see `TerminatedScanning`) from `start`,
    /// filling `slots`; the index after the line's top-level value, or -1 on a miss (the slots
    /// are then partly filled). Indices stay below the line's length plus its slack, far from
    /// overflowing, so they add with `&+`.
    @inline(__always)
    func match(_ p: UnsafePointer<UInt8>, _ start: Int, _ n: Int, slots: UnsafeMutablePointer<FieldSlot>,
               stack: inout [Bool]) -> Int {
        typealias T = TerminatedScanning
        let steps = storage.steps
        var c = storage.root
        var i = start
        while true {
            // The first child whose glue matches at i (the sentinel, whose empty glue matches
            // anything, ends every chain). SAFETY: i <= n here (values stop at the \n at the
            // latest, and matched glue holds no \n), so 16-byte loads stay inside the line's
            // slack; glue reaching past n would have to match the \n, which it cannot.
            let x0 = UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self)
            let x1 = UnsafeRawPointer(p + (i &+ 8)).loadUnaligned(as: UInt64.self)
            var step = steps + Int(truncatingIfNeeded: c)
            while (x0 ^ step.pointee.w0) & step.pointee.m0 | (x1 ^ step.pointee.w1) & step.pointee.m1 != 0
                || (step.pointee.length > 16 && !restMatches(p, i, step))
            {
                step = steps + Int(truncatingIfNeeded: step.pointee.nextSibling)
            }
            i &+= Int(truncatingIfNeeded: step.pointee.length)
            switch step.pointee.action {
            case .fieldString:
                var escaped = false
                let end = T.scanString(p, i, n, escaped: &escaped)
                if end < 0 { return miss() }
                slots[Int(truncatingIfNeeded: step.pointee.slot)] = FieldSlot(kind: .string, start: i, end: end &- 1,
                                                                             escaped: escaped)
                i = end
            case .skipString:
                var escaped = false
                i = T.scanString(p, i, n, escaped: &escaped)
                if i < 0 { return miss() }
            case .skipNumber:
                i = T.scanNumber(p, i)
                if i < 0 { return miss() }
            case .fieldAny:
                let slot = FieldSlot.scan(p, i, n, stack: &stack)
                i = slot.next
                if i < 0 { return miss() }
                slots[Int(truncatingIfNeeded: step.pointee.slot)] = slot
            case .end:
                hit()
                return i
            case .miss:
                return miss()
            }
            c = step.pointee.firstChild
        }
    }

    /// Glue bytes past the first 16, compared 8 at a time (the first 16 matched, so each load
    /// starts at or before the line's \n).
    private func restMatches(_ p: UnsafePointer<UInt8>, _ i: Int, _ step: UnsafeMutablePointer<Step>) -> Bool {
        let length = Int(step.pointee.length)
        let x2 = UnsafeRawPointer(p + (i &+ 16)).loadUnaligned(as: UInt64.self)
        if length <= 24 { return (x2 ^ step.pointee.w2) & Self.mask(length &- 16) == 0 }
        guard x2 == step.pointee.w2 else { return false }
        let glue = storage.glue + Int(step.pointee.rest)
        var k = 24
        while k < length {
            let x = UnsafeRawPointer(p + i + k).loadUnaligned(as: UInt64.self)
            let w = UnsafeRawPointer(glue + k - 16).loadUnaligned(as: UInt64.self)
            if (x ^ w) & Self.mask(length - k) != 0 { return false }
            k += 8
        }
        return true
    }

    @inline(__always)
    private func hit() {
        let s = storage
        if s.credit <= -Self.sampling {
            s.credit = 0
        } else if s.credit < Self.maxCredit {
            s.credit &+= 1
        }
    }

    @inline(__always)
    private func miss() -> Int {
        let s = storage
        if s.credit > -Self.sampling { s.credit &-= 1 }
        return -1
    }

    /// Learns the layout of a valid terminated line whose top-level value runs from `start` to
    /// `end`, with the decoder's mapping (`ShapeResolver`) saying which values fill slots.
    func learn<R: ShapeResolver>(_ p: UnsafePointer<UInt8>, _ start: Int, _ end: Int, _ n: Int, resolver: R) {
        let s = storage
        if s.credit > -Self.sampling { s.credit = max(-Self.sampling, s.credit - Self.learnCost) }
        guard cut(p, start, end, n, resolver: resolver) else { return }
        if !insert(p) {
            s.stepCount = 1
            s.glueCount = 0
            s.root = 0
            _ = insert(p)
        }
    }

    /// Cuts a valid line into pieces; false when it cannot be learned: nesting deeper than 64,
    /// glue longer than `maxGlue`, a value that fills more than one slot, a container on a path
    /// whose value fills a slot too, or a node with paths below it met twice (its second value
    /// would have to empty what the first filled: the path scanner does that).
    private func cut<R: ShapeResolver>(_ p: UnsafePointer<UInt8>, _ start: Int, _ end: Int, _ n: Int,
                                       resolver: R) -> Bool {
        typealias T = TerminatedScanning
        let s = storage
        s.pieces.removeAll(keepingCapacity: true)
        s.visited.removeAll(keepingCapacity: true)
        var glueStart = start
        var i = start
        // Per open container: whether it is an object, its node on the paths (-1: off them),
        // and the index of its current element (arrays).
        var containers: [(isObject: Bool, node: Int, element: Int)] = []
        var expectKey = false
        var expectValue = true
        var pendingNode = -1
        func piece(_ glueEnd: Int, _ action: Action, _ slot: Int = 0) -> Bool {
            guard glueEnd - glueStart <= Self.maxGlue else { return false }
            s.pieces.append(Piece(start: glueStart, end: glueEnd, action: action, slot: UInt8(slot)))
            return true
        }
        while i < end {
            let b = p[i]
            if b == 0x20 || b == 0x09 || b == 0x0D || b == 0x3A {  // whitespace and :
                i += 1
                continue
            }
            if expectKey && b == 0x22 {
                var escaped = false
                let after = T.scanString(p, i + 1, n, escaped: &escaped)
                guard after >= 0, let parent = containers.last else { return false }
                pendingNode = parent.node >= 0 ? resolver.child(of: parent.node, key: p, i + 1, after - 1, escaped: escaped) : -1
                expectKey = false
                expectValue = true
                i = after
                continue
            }
            if expectValue && b != 0x7D && b != 0x5D {
                expectValue = false
                // Where this value stands on the paths.
                var node = -1
                if let parent = containers.last {
                    node = parent.isObject ? pendingNode : parent.node >= 0 ? resolver.child(of: parent.node, index: parent.element) : -1
                } else {
                    node = resolver.root
                }
                pendingNode = -1
                if node >= 0 {
                    let info = resolver.info(node)
                    if info.hasChildren {
                        guard s.visited.insert(node).inserted else { return false }
                    }
                    if (b == 0x7B && info.descendsIntoObjects) || (b == 0x5B && info.descendsIntoArrays) {
                        guard info.slotCount == 0, containers.count < 64 else { return false }
                        containers.append((b == 0x7B, node, 0))
                        expectKey = b == 0x7B
                        expectValue = b == 0x5B
                        i += 1
                        continue
                    }
                    guard info.slotCount <= 1 else { return false }
                    if info.slotCount == 1 {
                        if b == 0x22 {
                            guard piece(i + 1, .fieldString, info.slot) else { return false }
                            var escaped = false
                            i = T.scanString(p, i + 1, n, escaped: &escaped)
                        } else {
                            guard piece(i, .fieldAny, info.slot) else { return false }
                            i = FieldSlot.scan(p, i, n, stack: &s.stackScratch).next
                        }
                        guard i >= 0 else { return false }
                        glueStart = i
                        continue
                    }
                }
                // A value off the paths (or on one that fills nothing): strings and numbers are
                // scanned, literals and structure stay in the glue.
                switch b {
                case 0x7B, 0x5B:
                    guard containers.count < 64 else { return false }
                    containers.append((b == 0x7B, -1, 0))
                    expectKey = b == 0x7B
                    expectValue = b == 0x5B
                    i += 1
                case 0x22:
                    guard piece(i + 1, .skipString) else { return false }
                    var escaped = false
                    i = T.scanString(p, i + 1, n, escaped: &escaped)
                    guard i >= 0 else { return false }
                    glueStart = i
                case 0x74, 0x66, 0x6E:
                    i = T.scanLiteral(p, i)
                    guard i >= 0 else { return false }
                default:
                    guard piece(i, .skipNumber) else { return false }
                    i = T.scanNumber(p, i)
                    guard i >= 0 else { return false }
                    glueStart = i
                }
                continue
            }
            switch b {
            case 0x7D, 0x5D:  // } ]
                guard !containers.isEmpty else { return false }
                containers.removeLast()
                expectKey = false
                expectValue = false
            case 0x2C:  // ,
                guard let last = containers.last else { return false }
                if last.isObject {
                    expectKey = true
                } else {
                    containers[containers.count - 1].element += 1
                    expectValue = true
                }
            default:
                return false
            }
            i += 1
        }
        return piece(end, .end)
    }

    /// Adds the cut line's pieces as a path from the root, sharing the steps it has in common
    /// with lines learned before; false when the trie has no room left.
    private func insert(_ p: UnsafePointer<UInt8>) -> Bool {
        let s = storage
        var parent: Int32 = -1
        for piece in s.pieces {
            var c = parent < 0 ? s.root : s.steps[Int(parent)].firstChild
            var last: Int32 = -1
            while c != 0, !same(s.steps + Int(c), piece, p) {
                last = c
                c = s.steps[Int(c)].nextSibling
            }
            if c == 0 {
                guard let new = add(piece, p) else { return false }
                c = new
                if last >= 0 {
                    s.steps[Int(last)].nextSibling = c
                } else if parent >= 0 {
                    s.steps[Int(parent)].firstChild = c
                } else {
                    s.root = c
                }
            }
            parent = c
        }
        return true
    }

    private func same(_ step: UnsafeMutablePointer<Step>, _ piece: Piece, _ p: UnsafePointer<UInt8>) -> Bool {
        let length = piece.end - piece.start
        guard Int(step.pointee.length) == length, step.pointee.action == piece.action,
              step.pointee.slot == piece.slot else { return false }
        let words = Self.words(p + piece.start, length)
        guard words.0 == step.pointee.w0, words.1 == step.pointee.w1 else { return false }
        return length <= 16 || memoryEqual(storage.glue + Int(step.pointee.rest), p + piece.start + 16, length - 16)
    }

    private func add(_ piece: Piece, _ p: UnsafePointer<UInt8>) -> Int32? {
        let s = storage
        let length = piece.end - piece.start
        let rest = max(0, length - 16)
        guard s.stepCount < Self.stepCapacity, s.glueCount + rest <= Self.glueCapacity else { return nil }
        var step = Step()
        (step.w0, step.w1) = Self.words(p + piece.start, length)
        step.m0 = Self.mask(length)
        step.m1 = Self.mask(length - 8)
        if length > 16 {
            for k in 16..<min(24, length) { step.w2 |= UInt64(p[piece.start + k]) << (UInt64(k - 16) * 8) }
        }
        step.length = Int32(length)
        step.rest = Int32(s.glueCount)
        step.action = piece.action
        step.slot = piece.slot
        if rest > 0 {
            (s.glue + s.glueCount).update(from: p + piece.start + 16, count: rest)
            s.glueCount += rest
        }
        s.steps[s.stepCount] = step
        s.stepCount += 1
        return Int32(s.stepCount - 1)
    }

    /// The first 16 bytes of `length` as two little-endian words, zero past `length`.
    private static func words(_ p: UnsafePointer<UInt8>, _ length: Int) -> (UInt64, UInt64) {
        var w: (UInt64, UInt64) = (0, 0)
        for k in 0..<min(16, length) {
            if k < 8 { w.0 |= UInt64(p[k]) << (UInt64(k) * 8) } else { w.1 |= UInt64(p[k]) << (UInt64(k - 8) * 8) }
        }
        return w
    }

    /// The mask of the first `count` bytes of a word (none for 0 or less, all for 8 or more).
    @inline(__always)
    private static func mask(_ count: Int) -> UInt64 {
        count <= 0 ? 0 : count >= 8 ? ~0 : (1 << (UInt64(count) * 8)) - 1
    }

    private func memoryEqual(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ count: Int) -> Bool {
        for k in 0..<count where a[k] != b[k] { return false }
        return true
    }
}

/// What a decoder's mapping tells a learned layout: the node of the line's top-level value,
/// where a key or an array element leads from a node (-1: off every path), and what a node's
/// value does (fills a slot, or is descended into for paths below).
protocol ShapeResolver {
    var root: Int { get }
    func child(of node: Int, key p: UnsafePointer<UInt8>, _ start: Int, _ end: Int, escaped: Bool) -> Int
    func child(of node: Int, index: Int) -> Int
    func info(_ node: Int) -> ShapeNodeInfo
}

struct ShapeNodeInfo {
    /// Slots the node's value fills (`slot` is the first).
    var slotCount = 0
    var slot = 0
    var hasChildren = false
    var descendsIntoObjects = false
    var descendsIntoArrays = false
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The scanner for any mapping: walks one line with the path tree, filling the slots of the
/// values on a path and skipping everything else without building it, while checking that the
/// whole line is strict JSON. Lines are terminated (see `TerminatedScanning`). Recursion follows
/// the tree, so it is as deep as the deepest path (`FieldPath.maxSteps`), never as deep as the line.
struct PathScanning {
    let trie: PathTrie
    let slots: UnsafeMutablePointer<FieldSlot>
    let keyScratch: UnsafeMutablePointer<UInt8>
    var stack: [Bool] = []

    /// Scans a line that must be one object; the index after it, or -1 when not valid JSON.
    mutating func scanLine(_ p: UnsafePointer<UInt8>, _ i: Int, _ n: Int) -> Int {
        guard p[i] == 0x7B else { return -1 }
        return scanObject(p, i, n, node: 0)
    }

    /// An object at `i0` (its `{`) whose members are looked up among the node's children.
    private mutating func scanObject(_ p: UnsafePointer<UInt8>, _ i0: Int, _ n: Int, node: Int) -> Int {
        typealias J = TerminatedScanning
        var i = J.skipWhitespace(p, i0 + 1)
        if p[i] == 0x7D { return i + 1 }
        while true {
            guard p[i] == 0x22 else { return -1 }
            let keyStart = i + 1
            var escaped = false
            i = J.scanString(p, keyStart, n, escaped: &escaped)
            if i < 0 { return -1 }
            let child = keyChild(of: node, p, keyStart, i - 1, escaped: escaped)
            i = J.skipWhitespace(p, i)
            guard p[i] == 0x3A else { return -1 }
            i = J.skipWhitespace(p, i + 1)
            i = child >= 0 ? scanValue(p, i, n, node: child) : J.skipValue(p, i, n, stack: &stack)
            if i < 0 { return -1 }
            let after = J.afterItem(p, i, close: 0x7D)
            guard after.more else { return after.next }
            i = after.next
        }
    }

    /// An array at `i0` (its `[`) whose elements are looked up by index among the node's children.
    private mutating func scanArray(_ p: UnsafePointer<UInt8>, _ i0: Int, _ n: Int, node: Int) -> Int {
        typealias J = TerminatedScanning
        var i = J.skipWhitespace(p, i0 + 1)
        if p[i] == 0x5D { return i + 1 }
        var index = 0
        while true {
            let child = indexChild(of: node, index)
            i = child >= 0 ? scanValue(p, i, n, node: child) : J.skipValue(p, i, n, stack: &stack)
            if i < 0 { return -1 }
            index += 1
            let after = J.afterItem(p, i, close: 0x5D)
            guard after.more else { return after.next }
            i = after.next
        }
    }

    /// A value on some path: fills the node's slots, descends when paths go deeper.
    private mutating func scanValue(_ p: UnsafePointer<UInt8>, _ i: Int, _ n: Int, node: Int) -> Int {
        let here = trie.nodes[node]
        // A key seen again replaces what its earlier value filled (last wins).
        var k = Int(here.belowStart)
        while k < Int(here.belowStart + here.belowCount) {
            slots[Int(trie.slotList[k])].kind = .absent
            k += 1
        }
        var slot: FieldSlot
        switch p[i] {
        case 0x7B where here.hasKeyChildren:
            slot = FieldSlot(kind: .container, start: i, end: scanObject(p, i, n, node: node), escaped: false)
        case 0x5B where here.hasIndexChildren:
            slot = FieldSlot(kind: .container, start: i, end: scanArray(p, i, n, node: node), escaped: false)
        default:
            slot = FieldSlot.scan(p, i, n, stack: &stack)
        }
        let next = slot.next
        if next >= 0 {
            k = Int(here.slotStart)
            while k < Int(here.slotStart + here.slotCount) {
                slots[Int(trie.slotList[k])] = slot
                k += 1
            }
        }
        return next
    }

    @inline(__always)
    private func keyChild(of node: Int, _ p: UnsafePointer<UInt8>, _ start: Int, _ end: Int, escaped: Bool) -> Int {
        trie.keyChild(of: node, p, start, end, escaped: escaped, keyScratch: keyScratch)
    }

    @inline(__always)
    private func indexChild(of node: Int, _ index: Int) -> Int { trie.indexChild(of: node, index) }
}

/// A learned layout's view of a mapping's path tree (see `LineShapes`).
struct PathShapeResolver: ShapeResolver {
    let trie: PathTrie
    let keyScratch: UnsafeMutablePointer<UInt8>

    var root: Int { 0 }

    func child(of node: Int, key p: UnsafePointer<UInt8>, _ start: Int, _ end: Int, escaped: Bool) -> Int {
        trie.keyChild(of: node, p, start, end, escaped: escaped, keyScratch: keyScratch)
    }

    func child(of node: Int, index: Int) -> Int { trie.indexChild(of: node, index) }

    func info(_ node: Int) -> ShapeNodeInfo {
        let here = trie.nodes[node]
        return ShapeNodeInfo(slotCount: Int(here.slotCount),
                             slot: here.slotCount > 0 ? Int(trie.slotList[Int(here.slotStart)]) : 0,
                             hasChildren: here.hasKeyChildren || here.hasIndexChildren,
                             descendsIntoObjects: here.hasKeyChildren, descendsIntoArrays: here.hasIndexChildren)
    }
}

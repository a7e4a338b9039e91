#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The paths a mapping reads, merged into a tree: a node per object key or array index on
/// the way, and at each node the slots its value fills. The scanner walks a line and this
/// tree together, descending only into values on some path and skipping the rest unbuilt.
/// Built once per decoder, then read through flat, immutable memory (no reference counting
/// or exclusivity checks on the hot path).
final class PathTrie {
    struct Node {
        var childStart: Int32 = 0
        var childCount: Int32 = 0
        /// Slots filled with this node's value: `slotList[slotStart..<slotStart + slotCount]`.
        var slotStart: Int32 = 0
        var slotCount: Int32 = 0
        /// Slots filled anywhere below (emptied again when the value is seen again: last wins).
        var belowStart: Int32 = 0
        var belowCount: Int32 = 0
        var hasKeyChildren = false
        var hasIndexChildren = false
    }

    struct Child {
        /// Where the key's bytes sit in `keys`; an index child has `keyLength == -1`.
        var keyStart: Int32
        var keyLength: Int32
        var index: Int32
        var node: Int32
    }

    let nodes: UnsafeMutableBufferPointer<Node>
    let children: UnsafeMutableBufferPointer<Child>
    let slotList: UnsafeMutableBufferPointer<Int32>
    let keys: UnsafeMutableBufferPointer<UInt8>

    /// The tree of `paths`, each filling its slot.
    init(_ paths: [(path: FieldPath, slot: Int)]) {
        // Build with nested arrays, then lay the tree out flat, children of a node together.
        struct Draft {
            var children: [(step: FieldPath.Step, node: Int)] = []
            var slots: [Int] = []
            var below: [Int] = []
        }
        var drafts = [Draft()]
        for (path, slot) in paths {
            var node = 0
            for step in path.steps {
                drafts[node].below.append(slot)
                if let next = drafts[node].children.first(where: { $0.step == step }) {
                    node = next.node
                } else {
                    drafts.append(Draft())
                    drafts[node].children.append((step, drafts.count - 1))
                    node = drafts.count - 1
                }
            }
            drafts[node].slots.append(slot)
        }
        var nodeList: [Node] = []
        var childList: [Child] = []
        var slotList: [Int32] = []
        var keyBytes: [UInt8] = []
        for draft in drafts {
            var node = Node()
            node.childStart = Int32(childList.count)
            node.childCount = Int32(draft.children.count)
            for (step, target) in draft.children {
                switch step {
                case .key(let key):
                    childList.append(Child(keyStart: Int32(keyBytes.count), keyLength: Int32(key.count), index: 0,
                                           node: Int32(target)))
                    keyBytes.append(contentsOf: key)
                    node.hasKeyChildren = true
                case .index(let index):
                    childList.append(Child(keyStart: 0, keyLength: -1, index: Int32(index), node: Int32(target)))
                    node.hasIndexChildren = true
                }
            }
            node.slotStart = Int32(slotList.count)
            node.slotCount = Int32(draft.slots.count)
            slotList += draft.slots.map(Int32.init)
            node.belowStart = Int32(slotList.count)
            node.belowCount = Int32(draft.below.count)
            slotList += draft.below.map(Int32.init)
            nodeList.append(node)
        }
        nodes = FlatMemory.copy(nodeList)
        children = FlatMemory.copy(childList)
        self.slotList = FlatMemory.copy(slotList)
        keys = FlatMemory.copy(keyBytes)
    }

    deinit {
        FlatMemory.free(nodes)
        FlatMemory.free(children)
        FlatMemory.free(slotList)
        FlatMemory.free(keys)
    }

    /// The node key `p[start..<end]` (escaped: unescaped first, into `keyScratch`) leads to
    /// from `node`, or -1.
    @inline(__always)
    func keyChild(of node: Int, _ p: UnsafePointer<UInt8>, _ start: Int, _ end: Int, escaped: Bool,
                  keyScratch: UnsafeMutablePointer<UInt8>) -> Int {
        let here = nodes[node]
        guard here.hasKeyChildren else { return -1 }
        var key = p + start
        var length = end - start
        if escaped {
            length = JSONScanning.unescape(p, start, end, into: keyScratch, capacity: ScratchStorage.keyCapacity)
            guard length >= 0, length <= ScratchStorage.keyCapacity else { return -1 }
            key = UnsafePointer(keyScratch)
        }
        let keys = self.keys.baseAddress!
        var c = Int(here.childStart)
        let last = c + Int(here.childCount)
        while c < last {
            let child = children[c]
            if Int(child.keyLength) == length && memcmp(keys + Int(child.keyStart), key, length) == 0 {
                return Int(child.node)
            }
            c += 1
        }
        return -1
    }

    /// The node array element `index` leads to from `node`, or -1.
    @inline(__always)
    func indexChild(of node: Int, _ index: Int) -> Int {
        let here = nodes[node]
        var c = Int(here.childStart)
        let last = c + Int(here.childCount)
        while c < last {
            let child = children[c]
            if child.keyLength < 0 && Int(child.index) == index { return Int(child.node) }
            c += 1
        }
        return -1
    }
}

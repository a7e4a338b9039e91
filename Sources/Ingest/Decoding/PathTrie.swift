/// The paths a mapping reads, merged into a tree: a node per object key or array index on
/// the way, and at each node the slots its value fills. The scanner walks a line and this
/// tree together, descending only into values on some path and skipping the rest unbuilt.
final class PathTrie {
    struct Child {
        /// Where the key's bytes sit in `keyBytes` (an index child has `keyLength == -1`).
        var keyStart: Int
        var keyLength: Int
        var index: Int
        var node: Int
    }

    struct Node {
        var children: [Child] = []
        var hasKeyChildren = false
        var hasIndexChildren = false
        /// Slots filled with this node's value.
        var slots: [Int] = []
        /// Slots filled anywhere below (emptied again when the value is seen again: last wins).
        var below: [Int] = []
    }

    private(set) var nodes = [Node()]
    private(set) var keyBytes: [UInt8] = []

    /// Adds `path`, whose value fills `slot`.
    func add(_ path: FieldPath, slot: Int) {
        var node = 0
        for step in path.steps {
            nodes[node].below.append(slot)
            node = child(of: node, step)
        }
        nodes[node].slots.append(slot)
    }

    private func child(of node: Int, _ step: FieldPath.Step) -> Int {
        for c in nodes[node].children {
            switch step {
            case .key(let key) where c.keyLength == key.count && Array(keyBytes[c.keyStart..<c.keyStart + c.keyLength]) == key:
                return c.node
            case .index(let index) where c.keyLength < 0 && c.index == index:
                return c.node
            default:
                continue
            }
        }
        nodes.append(Node())
        let new = nodes.count - 1
        switch step {
        case .key(let key):
            nodes[node].children.append(Child(keyStart: keyBytes.count, keyLength: key.count, index: 0, node: new))
            nodes[node].hasKeyChildren = true
            keyBytes.append(contentsOf: key)
        case .index(let index):
            nodes[node].children.append(Child(keyStart: 0, keyLength: -1, index: index, node: new))
            nodes[node].hasIndexChildren = true
        }
        return new
    }
}

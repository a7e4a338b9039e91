/// The schema tree of a file, rebuilt from its depth-first list of `SchemaElement`s, with one
/// `ColumnDescriptor` per leaf.
public struct ParquetSchema: Sendable {
    /// One node: a group (children) or a leaf (a physical type).
    public struct Node: Sendable {
        public var element: SchemaElement
        public var children: [Node]
        public var isLeaf: Bool { element.type != nil && children.isEmpty }
    }

    public let root: Node
    /// The leaves, in file order (the order of a row group's column chunks).
    public let columns: [ColumnDescriptor]

    /// Deepest nesting accepted: far beyond any real schema, and a bound on recursion.
    static let maxDepth = 64

    public init(elements: [SchemaElement]) throws(ParquetError) {
        guard let first = elements.first else { throw .corrupt("empty schema") }
        var index = 1
        var leaves: [ColumnDescriptor] = []
        let children = try Self.readChildren(of: first, elements, &index, depth: 1, path: [],
                                             definition: 0, repetition: 0, nested: false, into: &leaves)
        guard index == elements.count else {
            throw .corrupt("schema has \(elements.count) elements but its tree holds \(index)")
        }
        root = Node(element: first, children: children)
        columns = leaves
    }

    private static func readChildren(
        of parent: SchemaElement, _ elements: [SchemaElement], _ index: inout Int, depth: Int, path: [String],
        definition: Int, repetition: Int, nested: Bool, into leaves: inout [ColumnDescriptor]
    ) throws(ParquetError) -> [Node] {
        guard depth <= maxDepth else { throw .corrupt("schema nested deeper than \(maxDepth) levels") }
        let count = Int(parent.numChildren ?? 0)
        guard count <= elements.count - index else {
            throw .corrupt("schema element '\(parent.name)' claims \(count) children, only \(elements.count - index) elements follow")
        }
        var nodes: [Node] = []
        nodes.reserveCapacity(count)
        for _ in 0..<count {
            let element = elements[index]
            index += 1
            let repetitionType = element.repetition ?? .required
            let def = definition + (repetitionType == .required ? 0 : 1)
            let rep = repetition + (repetitionType == .repeated ? 1 : 0)
            let childPath = path + [element.name]
            if (element.numChildren ?? 0) > 0 || element.type == nil {
                let grandChildren = try readChildren(of: element, elements, &index, depth: depth + 1, path: childPath,
                                                     definition: def, repetition: rep, nested: true, into: &leaves)
                nodes.append(Node(element: element, children: grandChildren))
            } else {
                leaves.append(ColumnDescriptor(index: leaves.count, path: childPath, element: element,
                                               maxDefinitionLevel: def, maxRepetitionLevel: rep,
                                               isNested: nested || repetitionType == .repeated))
                nodes.append(Node(element: element, children: []))
            }
        }
        return nodes
    }
}

/// A leaf column: where it sits, how it is stored and what it means.
public struct ColumnDescriptor: Sendable, Equatable {
    /// Position among the leaves (and among a row group's column chunks).
    public var index: Int
    public var path: [String]
    public var element: SchemaElement
    public var maxDefinitionLevel: Int
    public var maxRepetitionLevel: Int
    /// Inside a group, or repeated: not a flat column.
    public var isNested: Bool

    /// `a.b.c`
    public var name: String { path.joined(separator: ".") }
    public var physicalType: PhysicalType { element.type ?? .int32 }
    public var isOptional: Bool { maxDefinitionLevel > 0 }
}

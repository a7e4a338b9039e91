/// A hopping (or, with hop = size, tumbling) window: windows [k·hop, k·hop + size).
public struct HoppingSpec: Sendable, Equatable {
    public var size: Int64
    public var hop: Int64

    public init(size: Int64, hop: Int64) {
        self.size = size
        self.hop = hop
    }
}

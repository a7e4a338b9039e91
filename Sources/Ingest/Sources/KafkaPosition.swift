/// Where a Kafka input stands after the last complete line processed: the next offset of each
/// partition (index = partition id; -2 for a partition not read yet: its start), and, when a
/// read cut a message (one larger than a read, or holding many lines), the bytes of the
/// message at `next[cutPartition]` already processed.
public struct KafkaPosition: Sendable, Equatable {
    /// librdkafka's "the partition's first offset".
    public static let beginning: Int64 = -2

    public var next: [Int64]
    public var cutPartition: Int32 = -1
    public var cutBytes: Int64 = 0

    public init(next: [Int64], cutPartition: Int32 = -1, cutBytes: Int64 = 0) {
        self.next = next
        self.cutPartition = cutPartition
        self.cutBytes = cutBytes
    }

    /// `0:1200 1:1187` (a cut message: `0:1200+512B`).
    public var description: String {
        next.enumerated().map { p, offset in
            let at = offset == Self.beginning ? "start" : String(offset)
            return "\(p):\(at)" + (Int32(p) == cutPartition && cutBytes > 0 ? "+\(cutBytes)B" : "")
        }.joined(separator: " ")
    }
}

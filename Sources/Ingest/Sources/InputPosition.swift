/// A place in an input: for a file, which file (device, inode) and the byte after the last
/// complete line processed; for Kafka, each partition's next offset.
public struct InputPosition: Sendable, Equatable {
    public var device: UInt64 = 0
    public var inode: UInt64 = 0
    public var offset: Int64 = 0
    public var kafka: KafkaPosition?

    public init(device: UInt64 = 0, inode: UInt64 = 0, offset: Int64 = 0, kafka: KafkaPosition? = nil) {
        self.device = device
        self.inode = inode
        self.offset = offset
        self.kafka = kafka
    }
}

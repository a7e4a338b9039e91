/// Commits a Kafka input's offsets to its group, from the thread that saves checkpoints: only
/// offsets a checkpoint already holds, so the group never runs ahead of what a restart resumes.
public struct KafkaCommitter: Sendable {
    let consumer: KafkaConsumer

    /// Commits, waiting for the group's answer only when asked (the last checkpoint); a
    /// failure is made good by the next checkpoint's commit.
    public func commit(_ position: KafkaPosition, wait: Bool) { consumer.commit(position, wait: wait) }

    /// Whether the input is a member's share of a group (`member=`).
    public var sharesGroup: Bool { consumer.address.sharesGroup }
}

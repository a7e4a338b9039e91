/// Commits a Kafka input's offsets to its group, from the thread that saves checkpoints: only
/// offsets a checkpoint already holds, so the group never runs ahead of what a restart resumes.
public struct KafkaCommitter: Sendable {
    let consumer: KafkaConsumer

    /// Commits without waiting; a failure is retried by the next checkpoint's commit.
    public func commit(_ position: KafkaPosition) { consumer.commit(position) }
}

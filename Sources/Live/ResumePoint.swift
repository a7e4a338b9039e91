import EventModel
import Ingest

/// Where a restart takes up: a checkpoint found for this input.
public struct ResumePoint: Sendable {
    let checkpoint: Checkpoint
    /// The input's name as the checkpoint knows it.
    public let inputPath: String
    public var offset: Int64 { checkpoint.offset }
    /// A Kafka input's offsets, per partition.
    public var kafka: KafkaPosition? { checkpoint.kafka }

    /// The checkpoint of `history.inputPath` in the history folder, nil when there is none. It must
    /// be of this input: the same path, and for a file the same file (device and inode) holding
    /// at least the bytes the checkpoint had reached; anything else is an error naming the
    /// checkpoint, never a silent fresh start or a recount. The source is moved to where the
    /// checkpoint stopped.
    public static func find(for source: InputSource, history: HistorySettings, mapping: EventMapping)
        throws(DataError) -> ResumePoint?
    {
        let inputPath = history.inputPath
        let path = Checkpoint.path(directory: history.directory, input: inputPath)
        guard let checkpoint = try Checkpoint.load(from: path) else { return nil }
        func mismatch(_ what: String) -> DataError {
            .corrupt("checkpoint \(path) is not for this input: \(what); remove it to start over")
        }
        guard checkpoint.inputPath == inputPath else { throw mismatch("it was saved for \(checkpoint.inputPath)") }
        guard checkpoint.mapping == mapping.summary else {
            throw DataError(.usage, "checkpoint \(path) was saved reading \(inputPath) with \(checkpoint.mapping); "
                + "this run reads it with \(mapping.summary): run with the same options, or remove the checkpoint to start over")
        }
        if source.kafkaAddress != nil {
            // Without offsets, the checkpoint was saved before anything was read.
            if let position = checkpoint.kafka { try source.resume(at: position) }
        } else if checkpoint.kafka != nil {
            throw mismatch("it holds Kafka offsets")
        }
        if let identity = source.identity {
            guard checkpoint.device == identity.dev, checkpoint.inode == identity.ino else {
                throw mismatch("\(inputPath) is another file now (device \(identity.dev), inode \(identity.ino); "
                    + "the checkpoint's: \(checkpoint.device), \(checkpoint.inode))")
            }
            guard let size = source.fileSize, checkpoint.offset <= size else {
                throw mismatch("\(inputPath) holds \(source.fileSize ?? 0) bytes, fewer than the \(checkpoint.offset) it had reached")
            }
            try source.seek(to: checkpoint.offset)
        }
        return ResumePoint(checkpoint: checkpoint, inputPath: inputPath)
    }
}

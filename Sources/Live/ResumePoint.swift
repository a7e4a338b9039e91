import EventModel
import Ingest

/// Where a restart takes up: a checkpoint found for this input.
public struct ResumePoint: Sendable {
    let checkpoint: Checkpoint
    /// The input's name as the checkpoint knows it.
    public let inputPath: String
    public var offset: Int64 { checkpoint.offset }

    /// The checkpoint of `inputPath` in the history folder, if one applies to `source`: the
    /// same file (device and inode) holding at least the bytes it had reached. The source is
    /// moved to where the checkpoint stopped.
    public static func find(for source: InputSource, inputPath: String, history: HistorySettings)
        throws(DataError) -> ResumePoint?
    {
        guard let checkpoint = try Checkpoint.load(from: Checkpoint.path(directory: history.directory, input: inputPath))
        else { return nil }
        if let identity = source.identity {
            guard checkpoint.device == identity.dev, checkpoint.inode == identity.ino,
                  let size = source.fileSize, checkpoint.offset <= size
            else { return nil }  // another file now has that name: start afresh
            try source.seek(to: checkpoint.offset)
        }
        return ResumePoint(checkpoint: checkpoint, inputPath: inputPath)
    }
}

import EventModel
import Ingest
import Windows

/// A checkpoint's bytes, checked the way a restart uses them: the checksum and the format,
/// then every part restored into a pipeline (the open days, the closed days not written, the
/// windows, the events held by the jump guard), with every count and id checked. The fuzzer
/// feeds it arbitrary bytes; any answer but an error or a restored state is a bug.
public enum CheckpointFile {
    /// Restores `bytes` into a fresh pipeline of this configuration; throws what a restart would.
    public static func restore(_ bytes: [UInt8], config: ProcessorConfig, history: HistorySettings) throws(DataError) {
        let checkpoint = try Checkpoint(decoding: bytes)
        var pipeline = LivePipeline(config: config)
        pipeline.history = LiveHistory(settings: history)
        try pipeline.restore(checkpoint)
        _ = pipeline.checkpoint(inputPath: history.inputPath).encoded()
    }

    /// The bytes of a checkpoint of a pipeline fed `lines` (NDJSON), for seeds and tests; with
    /// `kafka`, as if they had been read from a Kafka input to that position.
    public static func encoded(of lines: [String], config: ProcessorConfig, history: HistorySettings,
                               kafka: KafkaPosition? = nil) -> [UInt8]
    {
        var pipeline = LivePipeline(config: config)
        pipeline.history = LiveHistory(settings: history)
        pipeline.position.kafka = kafka
        for (i, line) in lines.enumerated() {
            var text = line
            text.withUTF8 { bytes in
                TerminatedLine.with(bytes) { pipeline.line($0, count: $1, number: i + 1) }
            }
        }
        return pipeline.checkpoint(inputPath: history.inputPath).encoded()
    }
}

import EventModel
import Ingest

/// A short, stable name for an input, for the file it writes in each partition
/// (`part-NAME.parquet`) and its writer claim: a file is named by its identity (device and
/// inode, so a restart on the same file finds its own files, whatever path it is given by),
/// standard input `stdin`, a Kafka input by its topic and group, another descriptor by its
/// name (`demo`).
public enum SourceName {
    public static func of(_ source: InputSource) -> String {
        if let identity = source.identity {
            var key = [UInt8]()
            withUnsafeBytes(of: identity.dev.littleEndian) { key += $0 }
            withUnsafeBytes(of: identity.ino.littleEndian) { key += $0 }
            return hashed("f", key)
        }
        if let kafka = source.kafkaAddress { return hashed("k", Array(kafka.key.utf8)) }
        if source.name == "-" { return "stdin" }
        let safe = source.name.unicodeScalars.filter { $0.isASCII && ($0.properties.isAlphabetic || $0.properties.numericType != nil || $0 == "-") }
        return safe.isEmpty ? "input" : String(String.UnicodeScalarView(safe.prefix(32)))
    }

    private static func hashed(_ prefix: String, _ key: [UInt8]) -> String {
        let hash = key.withUnsafeBufferPointer { ByteStringInterner.hash($0.baseAddress!, $0.count) }
        let hex = String(hash, radix: 16)
        return prefix + String(repeating: "0", count: 16 - hex.count) + hex
    }
}

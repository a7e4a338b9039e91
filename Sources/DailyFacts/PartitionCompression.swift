import Parquet

/// How the pages of a partition file are compressed: snappy (the default, as Spark and DuckDB
/// write), zstd, or not at all.
public enum PartitionCompression: String, CaseIterable, Sendable {
    case snappy, zstd, none

    var codec: PageCodec {
        switch self {
        case .snappy: .snappy
        case .zstd: .zstd
        case .none: .uncompressed
        }
    }
}

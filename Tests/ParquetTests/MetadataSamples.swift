@testable import Parquet

/// A footer that sets every field the model knows, for round trips and fuzzing.
func sampleFileMetaData() -> FileMetaData {
    var stats = Statistics()
    stats.max = [9]
    stats.min = [1]
    stats.nullCount = 0
    stats.distinctCount = 5
    stats.maxValue = [0xFF, 0x7F]
    stats.minValue = []
    stats.isMaxValueExact = true
    stats.isMinValueExact = false
    stats.nanCount = 2

    var meta = ColumnMetaData(
        type: .int64, encodings: [.plain, .rle, .rleDictionary, Encoding(rawValue: 99)], pathInSchema: ["a", "b"],
        codec: .zstd, numValues: 1_000_000, totalUncompressedSize: 1 << 33, totalCompressedSize: 12345,
        dataPageOffset: 4)
    meta.keyValueMetadata = [KeyValue(key: "k", value: nil)]
    meta.indexPageOffset = 3
    meta.dictionaryPageOffset = 4
    meta.statistics = stats
    meta.encodingStats = [PageEncodingStats(pageType: .dataPage, encoding: .plain, count: 3)]
    meta.bloomFilterOffset = 999
    meta.bloomFilterLength = 64
    meta.sizeStatistics = [0x16, 0x04, 0x00]

    var chunk = ColumnChunk(fileOffset: 4, metaData: meta)
    chunk.filePath = "other.parquet"
    chunk.offsetIndexOffset = 100
    chunk.offsetIndexLength = 10
    chunk.columnIndexOffset = 110
    chunk.columnIndexLength = 20
    chunk.cryptoMetadata = [0x1C, 0x00, 0x00]
    chunk.encryptedColumnMetadata = [1, 2, 3]

    var group = RowGroup(columns: [chunk, ColumnChunk(fileOffset: 0, metaData: nil)], totalByteSize: 77, numRows: 1_000_000)
    group.sortingColumns = [SortingColumn(columnIndex: 0, descending: true, nullsFirst: false)]
    group.fileOffset = 4
    group.totalCompressedSize = 12345
    group.ordinal = 0

    var root = SchemaElement(name: "schema")
    root.numChildren = 1
    var a = SchemaElement(name: "a")
    a.repetition = .optional
    a.numChildren = 1
    a.logicalType = .list
    a.convertedType = .list
    var b = SchemaElement(name: "b")
    b.type = .int64
    b.repetition = .required
    b.fieldID = 7
    b.logicalType = .timestamp(isAdjustedToUTC: true, unit: .nanos)
    b.convertedType = .timestampMicros
    b.scale = 0
    b.precision = 18
    b.typeLength = 8

    var file = FileMetaData(version: 2, schema: [root, a, b], numRows: 1_000_000, rowGroups: [group, group])
    file.keyValueMetadata = [KeyValue(key: "ARROW:schema", value: "…"), KeyValue(key: "x", value: "")]
    file.createdBy = "eventtop tests"
    file.columnOrders = [.typeDefined, .ieee754TotalOrder, .other(fieldID: 5)]
    file.encryptionAlgorithm = [0x1C, 0x18, 0x01, 0x41, 0x00, 0x00]
    file.footerSigningKeyMetadata = [7]
    return file
}

let sampleLogicalTypes: [LogicalType] = [
    .string, .map, .list, .enum, .decimal(scale: 2, precision: 10), .date,
    .time(isAdjustedToUTC: false, unit: .millis), .time(isAdjustedToUTC: true, unit: .micros),
    .timestamp(isAdjustedToUTC: true, unit: .nanos), .integer(bitWidth: 8, isSigned: false),
    .integer(bitWidth: 64, isSigned: true), .null, .json, .bson, .uuid, .float16, .other(fieldID: 17),
]

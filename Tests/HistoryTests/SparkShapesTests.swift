import EventModel
import Foundation
@testable import History
import Testing

/// What Spark can write beyond plain INT64 counts and `date=YYYY-MM-DD` folders
/// (Scripts/make_datasets.py: `timestamp_partitions`, `decimal_counts`, `decimal_scaled_counts`).
@Suite struct SparkShapesTests {
    /// DECIMAL(10,2) stores 14 as 1400: the date fails with the reason instead of a count 100
    /// times too large; folders of null dates and of values that are no date are named, not read.
    @Test func scaledDecimalCountsAndDatelessFoldersAreRefusedByName() throws {
        let expected = try Datasets.variant("decimal_scaled_counts")
        let (days, failed) = try loadAll(expected.folder)
        #expect(days.isEmpty)
        #expect(failed.keys.map(\.description) == ["2026-03-02"])
        let message = try #require(failed.values.first)
        #expect(message.hasSuffix("total_events is DECIMAL with scale 2, not a whole count"), "\(message)")
        let catalog = try PartitionCatalog(root: expected.folder)
        #expect(catalog.problems.map(\.message).sorted() == [
            "\(expected.folder)/date=__HIVE_DEFAULT_PARTITION__: rows whose date is null (__HIVE_DEFAULT_PARTITION__, "
                + "Spark's and Hive's folder for a null partition value) belong to no date: not read",
            "\(expected.folder)/date=soon: partition value 'soon' is not a date (YYYY-MM-DD, or a timestamp "
                + "YYYY-MM-DD HH:MM:SS): not read",
        ])
    }

    @Test func timestampFoldersAreTheirDates() throws {
        let expected = try Datasets.variant("timestamp_partitions")
        let catalog = try PartitionCatalog(root: expected.folder)
        #expect(catalog.dates.count == 60 && catalog.problems.isEmpty)
        #expect(catalog.dates.first?.description == "2026-03-02")
    }

    @Test func bigEndianIntegersOfAnyWidth() {
        func value(_ bytes: [UInt8]) -> Int64? { DayDecoder.integer(bigEndian: bytes[...]) }
        #expect(value([0x00]) == 0)
        #expect(value([0x7F]) == 127)
        #expect(value([0x80]) == -128)
        #expect(value([0xFF, 0xFF]) == -1)
        #expect(value([0x01, 0x00]) == 256)
        #expect(value([0x7F, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF]) == Int64.max)
        #expect(value([0x80, 0, 0, 0, 0, 0, 0, 0]) == Int64.min)
        // DECIMAL(38,0): sixteen bytes, sign-extended.
        #expect(value([UInt8](repeating: 0, count: 13) + [0x01, 0x86, 0xA0]) == 100_000)
        #expect(value([UInt8](repeating: 0xFF, count: 15) + [0xFE]) == -2)
        #expect(value([UInt8](repeating: 0, count: 8) + [0x7F, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF]) == Int64.max)
        // Beyond 64 bits.
        #expect(value([UInt8](repeating: 0, count: 8) + [0x80, 0, 0, 0, 0, 0, 0, 0]) == nil)
        #expect(value([0x01] + [UInt8](repeating: 0, count: 8)) == nil)
        #expect(value([0xFF, 0x7F] + [UInt8](repeating: 0, count: 7)) == nil)
        #expect(value([]) == nil)
    }
}

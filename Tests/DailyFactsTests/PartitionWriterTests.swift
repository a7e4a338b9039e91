@testable import DailyFacts
import EventModel
import Foundation
import Parquet
import TestSupport
import Testing

@Suite struct PartitionWriterTests {
    let rows = [
        DailyRow(tenant: "acme", eventType: "click", totalEvents: 10, errorEvents: 0, uniqueSessions: 3,
                 avgSessionDuration: 12.5),
        DailyRow(tenant: "acme", eventType: "error", totalEvents: 2, errorEvents: 2, uniqueSessions: 0,
                 avgSessionDuration: nil),
    ]

    func read(_ path: String) throws -> [String: ColumnData] {
        let reader = try ParquetFileReader(path: path)
        var columns: [String: ColumnData] = [:]
        for column in reader.flatColumns { columns[column.name] = try reader.readColumn(column, rowGroup: 0) }
        return columns
    }

    @Test func writesTheSchemaAndRowsOfADate() throws {
        let folder = Repository.temporaryFolder("writer")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = try PartitionWriter(directory: folder).write(day26, rows: rows)
        #expect(path == folder + "/date=2026-11-26/part-00000.parquet")
        let columns = try read(path)
        #expect(try ParquetFileReader(path: path).flatColumns.map(\.name)
            == [FactEventsDaily.tenantID, FactEventsDaily.eventType, FactEventsDaily.totalEvents,
                FactEventsDaily.errorEvents, FactEventsDaily.avgSessionDuration, FactEventsDaily.uniqueSessions])
        #expect(columns[FactEventsDaily.totalEvents]?.values == .int64([10, 2]))
        #expect(columns[FactEventsDaily.avgSessionDuration]?.values == .double([12.5]))
        #expect(columns[FactEventsDaily.avgSessionDuration]?.present == [true, false])
    }

    @Test func aDateIsReplacedWholeLeftoversGoAndOtherDatesStay() throws {
        let folder = Repository.temporaryFolder("replace")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let writer = PartitionWriter(directory: folder)
        try writer.write(day26, rows: rows)
        let other = try writer.write(day26.adding(days: 1), rows: rows)
        let otherBefore = try FileManager.default.attributesOfItem(atPath: other)[.modificationDate] as? Date
        // What a writer killed halfway leaves: a hidden folder, never read, removed next time.
        try FileManager.default.createDirectory(atPath: folder + "/.date=2026-11-26.tmp-1-2", withIntermediateDirectories: false)
        try FileManager.default.createDirectory(atPath: folder + "/date=2026-11-26/stray", withIntermediateDirectories: false)
        let path = try writer.write(day26, rows: [rows[0]])
        #expect(try read(path)[FactEventsDaily.totalEvents]?.values == .int64([10]))
        let names = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
        #expect(names == ["date=2026-11-26", "date=2026-11-27"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder + "/date=2026-11-26") == ["part-00000.parquet"])
        #expect(try FileManager.default.attributesOfItem(atPath: other)[.modificationDate] as? Date == otherBefore)
    }

    @Test func aFolderThatIsAFileIsAnErrorNamingIt() throws {
        let file = Repository.temporaryFolder("not-a-folder")
        defer { try? FileManager.default.removeItem(atPath: file) }
        #expect(FileManager.default.createFile(atPath: file, contents: Data("x".utf8)))
        do {
            try PartitionWriter(directory: file).write(day26, rows: rows)
            Issue.record("writing into a file should fail")
        } catch {
            #expect(error.kind == .io && error.description == "\(file) is not a directory")
        }
    }
}

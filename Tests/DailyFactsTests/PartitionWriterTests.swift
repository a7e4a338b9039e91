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
        let path = try PartitionWriter(directory: folder).replace(day26, rows: rows)
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
        try writer.replace(day26, rows: rows)
        let other = try writer.replace(day26.adding(days: 1), rows: rows)
        let otherBefore = try FileManager.default.attributesOfItem(atPath: other)[.modificationDate] as? Date
        // What a writer killed halfway leaves: a hidden folder, never read, removed next time.
        try FileManager.default.createDirectory(atPath: folder + "/.date=2026-11-26.tmp-1-2", withIntermediateDirectories: false)
        try FileManager.default.createDirectory(atPath: folder + "/date=2026-11-26/stray", withIntermediateDirectories: false)
        let path = try writer.replace(day26, rows: [rows[0]])
        #expect(try read(path)[FactEventsDaily.totalEvents]?.values == .int64([10]))
        let names = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
        #expect(names == [".eventtop-lock", "date=2026-11-26", "date=2026-11-27"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder + "/date=2026-11-26") == ["part-00000.parquet"])
        #expect(try FileManager.default.attributesOfItem(atPath: other)[.modificationDate] as? Date == otherBefore)
    }

    @Test func aFolderThatIsAFileIsAnErrorNamingIt() throws {
        let file = Repository.temporaryFolder("not-a-folder")
        defer { try? FileManager.default.removeItem(atPath: file) }
        #expect(FileManager.default.createFile(atPath: file, contents: Data("x".utf8)))
        do {
            try PartitionWriter(directory: file).replace(day26, rows: rows)
            Issue.record("writing into a file should fail")
        } catch {
            #expect(error.kind == .io && error.description == "\(file) is not a directory")
        }
    }

    @Test func aFileOfADateLeavesTheOtherFilesAlone() throws {
        let folder = Repository.temporaryFolder("files")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let writer = PartitionWriter(directory: folder)
        try writer.replace(day26, rows: rows)
        let a = try writer.write(day26, file: "part-a.parquet", rows: [rows[0]])
        try writer.write(day26, file: "part-b.parquet", rows: rows)
        try writer.write(day26, file: "part-a.parquet", rows: [rows[1]])  // replaced, alone
        let date = folder + "/date=2026-11-26"
        #expect(try FileManager.default.contentsOfDirectory(atPath: date).sorted()
            == ["part-00000.parquet", "part-a.parquet", "part-b.parquet"])
        #expect(try read(a)[FactEventsDaily.totalEvents]?.values == .int64([2]))
        // A leftover of a killed writer of the same file is removed; others' stay.
        #expect(FileManager.default.createFile(atPath: date + "/.part-a.parquet.tmp-1-1", contents: Data()))
        #expect(FileManager.default.createFile(atPath: date + "/.part-b.parquet.tmp-1-1", contents: Data()))
        try writer.write(day26, file: "part-a.parquet", rows: rows)
        #expect(!FileManager.default.fileExists(atPath: date + "/.part-a.parquet.tmp-1-1"))
        #expect(FileManager.default.fileExists(atPath: date + "/.part-b.parquet.tmp-1-1"))
        // A whole-date replace takes every file away.
        try writer.replace(day26, rows: rows)
        #expect(try FileManager.default.contentsOfDirectory(atPath: date) == ["part-00000.parquet"])
    }
}

@Suite struct WriterClaimTests {
    @Test func oneClaimPerSourceAndFolderNamingTheHolder() throws {
        let folder = Repository.temporaryFolder("claims")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var first: WriterClaim? = try WriterClaim(directory: folder, source: "stdin")
        // flock belongs to the open file: a second claim in this process is refused too.
        do {
            _ = try WriterClaim(directory: folder, source: "stdin")
            Issue.record("a second claim should be refused")
        } catch {
            #expect(error.description.contains("by pid \(getpid())"), "\(error)")
        }
        _ = try WriterClaim(directory: folder, source: "other")  // another input: fine
        withExtendedLifetime(first) {}
        first = nil
        _ = try WriterClaim(directory: folder, source: "stdin")  // released with the first
    }
}

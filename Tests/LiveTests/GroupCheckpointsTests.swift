#if canImport(Glibc)
import Glibc
#endif
import EventModel
import Foundation
import Ingest
@testable import Live
import TestSupport
import Testing
import Windows

/// How far the other members of a Kafka group have counted, from their checkpoints in a shared
/// history folder (issue 14): the furthest offset of each partition among this group's members,
/// never this member's own, another group's or another topic's; a checkpoint that cannot be read
/// is named and left out.
@Suite struct GroupCheckpointsTests {
    let lines = [#"{"ts":1795694000,"tenant_id":"t","event_type":"click"}"#]

    func save(_ folder: String, input: String, next: [Int64]) throws {
        let address = try KafkaAddress(input)
        let settings = HistorySettings(directory: folder, inputPath: address.key, sourceName: "x")
        let bytes = CheckpointFile.encoded(of: lines, config: ProcessorConfig(), history: settings,
                                           kafka: KafkaPosition(next: next))
        let path = Checkpoint.path(directory: folder, input: address.key)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }

    @Test func theFurthestOffsetOfEachPartitionAmongTheOtherMembers() throws {
        let folder = Repository.temporaryFolder("group-checkpoints")
        mkdir(folder, 0o755)
        defer { _ = try? FileManager.default.removeItem(atPath: folder) }
        let base = "kafka://k:9/events?group=g&member="
        try save(folder, input: base + "a", next: [500, -2, 40])
        try save(folder, input: base + "b", next: [100, 700, 90, 5])
        // Not counted: this member's own, another group's, another topic's, the whole topic.
        try save(folder, input: base + "me", next: [9000, 9000, 9000, 9000])
        try save(folder, input: "kafka://k:9/events?group=other&member=c", next: [8000, 8000, 8000, 8000])
        try save(folder, input: "kafka://k:9/orders?group=g&member=d", next: [7000, 7000, 7000, 7000])
        try save(folder, input: "kafka://k:9/events?group=g", next: [6000, 6000, 6000, 6000])
        let me = try KafkaAddress(base + "me")
        let (next, problems) = GroupCheckpoints.counted(directory: folder, address: me)
        #expect(next == [500, 700, 90, 5])
        #expect(problems.isEmpty)

        // A damaged checkpoint is named; the others still count.
        let broken = Checkpoint.path(directory: folder, input: "kafka:events?group=g&member=a")
        let fd = open(broken, O_WRONLY)
        #expect(fd >= 0)
        _ = lseek(fd, 40, SEEK_SET)
        _ = write(fd, "XXXX", 4)
        close(fd)
        let (after, damaged) = GroupCheckpoints.counted(directory: folder, address: me)
        #expect(after == [100, 700, 90, 5])
        #expect(damaged.count == 1 && damaged[0].contains(broken), "\(damaged)")
    }

    @Test func aFolderNotMadeYetHasNoMembers() throws {
        let me = try KafkaAddress("kafka://k:9/events?group=g&member=me")
        let (next, problems) = GroupCheckpoints.counted(directory: "/nonexistent/eventtop-history", address: me)
        #expect(next.isEmpty && problems.isEmpty)
    }
}

import CRdKafka
import EventModel
@testable import Ingest
import Testing

@Suite struct KafkaAddressTests {
    @Test func urlsParse() throws {
        let a = try KafkaAddress("kafka://127.0.0.1:9092,b2:9093/orders.v1?group=collectors")
        #expect(a.brokers == "127.0.0.1:9092,b2:9093" && a.topic == "orders.v1" && a.group == "collectors")
        #expect(a.key == "kafka:orders.v1?group=collectors")
        let b = try KafkaAddress("kafka://k:1/t")
        #expect(b.group == nil && b.key == "kafka:t" && !b.sharesGroup)
        // A member of a group: its own key (its checkpoint, files and claim), the group's share.
        let m = try KafkaAddress("kafka://k:1/t?member=host-a&group=g")
        #expect(m.group == "g" && m.member == "host-a" && m.sharesGroup)
        #expect(m.key == "kafka:t?group=g&member=host-a")
        #expect(try KafkaAddress("kafka://k:1/t?group=g&member=host-b").key != m.key)
    }

    @Test(arguments: [
        ("kafka://k/t", "is not HOST:PORT"), ("kafka://k:0/t", "is not HOST:PORT"), ("kafka://:9/t", "is not HOST:PORT"),
        ("kafka://k:9", "no topic"), ("kafka:///t", "no broker"), ("kafka://k:9/", "is not a topic name"),
        ("kafka://k:9/a/b", "is not a topic name"), ("kafka://k:9/..", "is not a topic name"),
        ("kafka://k:9/t?group=a&group=b", "group= needs one"), ("kafka://k:9/t?offset=0", "unknown parameter"),
        ("kafka://k:9/t?group=a b", "printable ASCII"),
        ("kafka://k:9/t?member=m", "needs group=G"), ("kafka://k:9/t?group=g&member=", "member= needs"),
        ("kafka://k:9/t?group=g&member=a&member=b", "member= needs one"),
        ("kafka://k:9/t?group=g&member=" + String(repeating: "m", count: 65), "longer than 64"),
    ])
    func badURLsSayWhy(url: String, words: String) {
        #expect {
            try KafkaAddress(url)
        } throws: { error in
            let text = (error as? DataError)?.description ?? ""
            return (error as? DataError)?.kind == .usage && text.contains(url) && text.contains(words)
        }
    }
}

/// librdkafka's mock cluster in this process, and a producer into it.
final class MockKafka {
    private let host: OpaquePointer
    private let cluster: OpaquePointer
    private let producer: OpaquePointer
    let bootstrap: String
    let topic: String

    init(topic: String, partitions: Int32) {
        self.topic = topic
        var errorText = [CChar](repeating: 0, count: 512)
        let hostConf = rd_kafka_conf_new()
        rd_kafka_conf_set(hostConf, "log_level", "0", &errorText, errorText.count)
        host = rd_kafka_new(RD_KAFKA_PRODUCER, hostConf, &errorText, errorText.count)!
        cluster = rd_kafka_mock_cluster_new(host, 1)!
        precondition(rd_kafka_mock_topic_create(cluster, topic, partitions, 1) == RD_KAFKA_RESP_ERR_NO_ERROR)
        bootstrap = String(cString: rd_kafka_mock_cluster_bootstraps(cluster))
        let conf = rd_kafka_conf_new()
        rd_kafka_conf_set(conf, "bootstrap.servers", bootstrap, &errorText, errorText.count)
        producer = rd_kafka_new(RD_KAFKA_PRODUCER, conf, &errorText, errorText.count)!
    }

    deinit {
        rd_kafka_destroy(producer)
        rd_kafka_mock_cluster_destroy(cluster)
        rd_kafka_destroy(host)
    }

    /// Produces each payload as a message of `partition`, and waits until all are acknowledged.
    func produce(_ payloads: [String], partition: Int32) {
        let handle = rd_kafka_topic_new(producer, topic, nil)
        for payload in payloads {
            var bytes = Array(payload.utf8)
            // RD_KAFKA_MSG_F_COPY: librdkafka copies the payload.
            let status = bytes.withUnsafeMutableBytes { rd_kafka_produce(handle, partition, 0x2, $0.baseAddress, $0.count, nil, 0, nil) }
            precondition(status == 0)
        }
        precondition(rd_kafka_flush(producer, 10_000) == RD_KAFKA_RESP_ERR_NO_ERROR)
        rd_kafka_topic_destroy(handle)
    }

    func url(group: String? = nil) -> String { "kafka://\(bootstrap)/\(topic)" + (group.map { "?group=\($0)" } ?? "") }
}

/// The lines of a source read to its end through a `ChunkReader` with small reads, and the
/// position after each chunk with the number of lines before it.
struct ReadBack: LineSink {
    var lines: [String] = []
    var positions: [(lines: Int, position: KafkaPosition)] = []

    mutating func line(_ bytes: UnsafePointer<UInt8>, count: Int, number: Int) {
        lines.append(String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self))
    }

    mutating func tooLong(number: Int) { lines.append("(too long)") }

    static func read(_ source: InputSource, blockSize: Int) throws -> ReadBack {
        var back = ReadBack()
        let reader = ChunkReader(maxLineBytes: 1024, blockSize: blockSize)
        while true {
            let (result, chunk) = try reader.read(from: source, timeoutMs: 1000)
            if let chunk {
                chunk.replay(into: &back, maxLineBytes: 1024)
                back.positions.append((back.lines.count, chunk.position.kafka!))
                reader.pool.recycle(chunk)
            }
            if result == .end { return back }
        }
    }
}

@Suite(.serialized) struct KafkaSourceTests {
    /// Messages of one line, of several lines, empty, with and without their own `\n`, and
    /// longer than a read.
    static func payloads(_ tag: String) -> [String] {
        let long = String(repeating: "x", count: 150)
        return ["\(tag)1", "\(tag)2a\n\(tag)2b\n\(tag)2c", "", "\(tag)3-\(long)", "\(tag)4\n",
                "\(tag)5a-\(long)\n\(tag)5b-\(long)\n\(tag)5c", "\(tag)6-" + String(repeating: "y", count: 2000), "\(tag)7"]
    }

    static func lines(_ tag: String) -> [String] {
        payloads(tag).flatMap { $0.split(separator: "\n").map(String.init) }
            .map { $0.utf8.count > 1024 ? "(too long)" : $0 }
    }

    @Test func oneTopicReadsAsItsLinesAndResumesExactlyAfterEveryChunk() throws {
        let kafka = MockKafka(topic: "lines", partitions: 1)
        kafka.produce(Self.payloads("a"), partition: 0)
        let full = try ReadBack.read(InputSource(kafka: KafkaAddress(kafka.url()), endsAtStart: true), blockSize: 64)
        #expect(full.lines == Self.lines("a"))
        // Reads of 64 bytes cut messages: positions inside them too.
        #expect(full.positions.contains { $0.position.cutBytes > 0 })
        for (before, position) in full.positions {
            let source = try InputSource(kafka: KafkaAddress(kafka.url()), endsAtStart: true)
            try source.resume(at: position)
            let rest = try ReadBack.read(source, blockSize: 64)
            #expect(rest.lines == Array(full.lines[before...]), "resumed at \(position.description)")
        }
    }

    @Test func partitionsAreAllReadAndResumeExactly() throws {
        let kafka = MockKafka(topic: "three", partitions: 3)
        for p in 0..<3 { kafka.produce(Self.payloads("p\(p)-"), partition: Int32(p)) }
        let full = try ReadBack.read(InputSource(kafka: KafkaAddress(kafka.url()), endsAtStart: true), blockSize: 100)
        let all = (0..<3).flatMap { Self.lines("p\($0)-") }
        #expect(full.lines.sorted() == all.sorted())
        let end = full.positions.last!.position
        #expect(end.next == [8, 8, 8] && end.cutBytes == 0)
        for (before, position) in full.positions.dropLast() {
            let source = try InputSource(kafka: KafkaAddress(kafka.url()), endsAtStart: true)
            try source.resume(at: position)
            let rest = try ReadBack.read(source, blockSize: 100)
            #expect((Array(full.lines[..<before]) + rest.lines).sorted() == all.sorted(), "resumed at \(position.description)")
        }
    }

    @Test func endsAtTheOffsetsFoundAtStart() throws {
        let kafka = MockKafka(topic: "growing", partitions: 1)
        kafka.produce(["1", "2"], partition: 0)
        let source = try InputSource(kafka: KafkaAddress(kafka.url()), endsAtStart: true)
        var buffer = [UInt8](repeating: 0, count: 4096)
        let first = try buffer.withUnsafeMutableBytes { try source.read(into: $0, timeoutMs: 1000) }
        kafka.produce(["3"], partition: 0)
        var result = first
        var text = ""
        while result != .end {
            if case .bytes(let n) = result { text += String(decoding: buffer[..<n], as: UTF8.self) }
            result = try buffer.withUnsafeMutableBytes { try source.read(into: $0, timeoutMs: 1000) }
        }
        #expect(text == "1\n2\n")
    }

    @Test func aCheckpointOfMorePartitionsThanTheTopicHasIsRefused() throws {
        let kafka = MockKafka(topic: "small", partitions: 1)
        let source = try InputSource(kafka: KafkaAddress(kafka.url()), endsAtStart: true)
        #expect(throws: DataError.self) { try source.resume(at: KafkaPosition(next: [0, 0])) }
    }
}

// A Kafka cluster for tests: librdkafka's mock cluster (a real implementation of the Kafka
// protocol, in this process) on a loopback port, with one topic. Prints the bootstrap address
// on its first line, then reads commands on standard input, one a line, answering `ok`:
// `down N` / `up N` take broker N (1-based) away and bring it back, `rtt N MS` delays each of
// its answers by MS milliseconds. Ends when standard input closes (or on a signal).
//
//     kafka-mock --topic events [--partitions N] [--brokers N]
import CRdKafka
#if canImport(Glibc)
import Glibc
#endif

/// Writes a line to a descriptor at once (answers must not wait in a buffer).
func say(_ text: String, to fd: Int32 = 1) {
    let line = Array((text + "\n").utf8)
    var done = 0
    while done < line.count {
        let n = line.withUnsafeBytes { write(fd, $0.baseAddress! + done, line.count - done) }
        if n < 0 && errno == EINTR { continue }
        guard n > 0 else { exit(1) }
        done += n
    }
}

func fail(_ message: String) -> Never {
    say("kafka-mock: \(message)", to: 2)
    exit(2)
}

var topic: String?
var partitions: Int32 = 1
var brokers: Int32 = 1
var arguments = CommandLine.arguments.dropFirst()
while let flag = arguments.popFirst() {
    guard let value = arguments.popFirst() else { fail("\(flag) needs a value") }
    switch flag {
    case "--topic": topic = value
    case "--partitions":
        guard let n = Int32(value), n >= 1, n <= 1000 else { fail("--partitions: '\(value)' is not 1…1000") }
        partitions = n
    case "--brokers":
        guard let n = Int32(value), n >= 1, n <= 16 else { fail("--brokers: '\(value)' is not 1…16") }
        brokers = n
    default: fail("unknown option \(flag) (give --topic T [--partitions N] [--brokers N])")
    }
}
guard let topic, !topic.isEmpty else { fail("give --topic T") }

var errorText = [CChar](repeating: 0, count: 512)
let conf = rd_kafka_conf_new()
// Quiet: the handle only hosts the cluster.
rd_kafka_conf_set(conf, "log_level", "3", &errorText, errorText.count)
guard let handle = rd_kafka_new(RD_KAFKA_PRODUCER, conf, &errorText, errorText.count) else {
    fail("cannot make a handle: \(String(decoding: errorText.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))")
}
guard let cluster = rd_kafka_mock_cluster_new(handle, brokers) else { fail("cannot start the mock cluster") }
let created = rd_kafka_mock_topic_create(cluster, topic, partitions, 1)
guard created == RD_KAFKA_RESP_ERR_NO_ERROR else {
    fail("cannot create topic \(topic): \(String(cString: rd_kafka_err2str(created)))")
}
say(String(cString: rd_kafka_mock_cluster_bootstraps(cluster)))

while let line = readLine() {
    let words = line.split(separator: " ")
    guard words.count >= 2, let id = Int32(words[1]), id >= 1, id <= brokers else {
        say("error: '\(line)' is not down N, up N or rtt N MS (N 1…\(brokers))")
        continue
    }
    let result: rd_kafka_resp_err_t
    switch (words[0], words.count) {
    case ("down", 2): result = rd_kafka_mock_broker_set_down(cluster, id)
    case ("up", 2): result = rd_kafka_mock_broker_set_up(cluster, id)
    case ("rtt", 3):
        guard let ms = Int32(words[2]), ms >= 0, ms <= 60_000 else {
            say("error: rtt: '\(words[2])' is not 0…60000 ms")
            continue
        }
        result = rd_kafka_mock_broker_set_rtt(cluster, id, ms)
    default:
        say("error: unknown command \(words[0])")
        continue
    }
    say(result == RD_KAFKA_RESP_ERR_NO_ERROR ? "ok" : "error: \(String(cString: rd_kafka_err2str(result)))")
}
rd_kafka_mock_cluster_destroy(cluster)
rd_kafka_destroy(handle)

import EventModel

/// A Kafka input as `--input` names it: `kafka://BROKER[,BROKER…]/TOPIC[?group=G[&member=M]]`.
/// Without a group, every partition is read from the start and nothing is committed; with one,
/// reading starts where the group's committed offsets stand, and offsets are committed to it
/// after each checkpoint. With a member name too, the collector joins the group and reads only
/// its share of the partitions, as the group's rebalances hand them out (`member` names this
/// collector among the group's: its checkpoint, its files and its claim are its own).
public struct KafkaAddress: Sendable, Equatable {
    /// `host:port` pairs, comma-separated, as librdkafka's `bootstrap.servers` takes them.
    public let brokers: String
    public let topic: String
    public let group: String?
    /// This collector's name in the group, when it takes the group's share (subscribe and
    /// rebalance) rather than every partition.
    public let member: String?
    /// The URL as given: the checkpoint's key and the name the status bar shows.
    public let url: String

    public static let scheme = "kafka://"

    /// What a checkpoint and a history folder know the input by: the topic and the group, not
    /// the brokers (a cluster may move, or be reached by another broker).
    public var key: String {
        "kafka:" + topic + (group.map { "?group=" + $0 } ?? "") + (member.map { "&member=" + $0 } ?? "")
    }

    /// Whether the collector takes the group's share of the partitions.
    public var sharesGroup: Bool { member != nil }

    /// Whether `input` names a Kafka topic rather than a file.
    public static func isKafka(_ input: String) -> Bool { input.hasPrefix(scheme) }

    public init(_ url: String) throws(DataError) {
        self.url = url
        func bad(_ why: String) -> DataError {
            DataError(.usage, "--input \(url): \(why) (give kafka://HOST:PORT[,HOST:PORT…]/TOPIC[?group=G[&member=M]])")
        }
        guard url.hasPrefix(Self.scheme) else { throw bad("not a kafka:// URL") }
        var rest = Substring(url.dropFirst(Self.scheme.count))
        var query: Substring = ""
        if let mark = rest.firstIndex(of: "?") {
            query = rest[rest.index(after: mark)...]
            rest = rest[..<mark]
        }
        guard let slash = rest.firstIndex(of: "/") else { throw bad("no topic") }
        let brokers = rest[..<slash]
        let topic = rest[rest.index(after: slash)...]
        guard !brokers.isEmpty else { throw bad("no broker") }
        for broker in brokers.split(separator: ",", omittingEmptySubsequences: false) {
            guard let colon = broker.lastIndex(of: ":"), colon != broker.startIndex,
                  let port = Int(broker[broker.index(after: colon)...]), port > 0, port < 65536
            else { throw bad("broker '\(broker)' is not HOST:PORT") }
        }
        // Kafka's own rule for topic names.
        guard !topic.isEmpty, topic.utf8.count <= 249, topic != ".", topic != "..",
              topic.unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "._-".unicodeScalars.contains($0)) })
        else { throw bad("'\(topic)' is not a topic name (letters, digits, '.', '_', '-', at most 249)") }
        var group: String?
        var member: String?
        for pair in query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2, parts[0] == "group" || parts[0] == "member" else {
                throw bad("unknown parameter '\(pair)'; there are group=G and member=M")
            }
            let name = parts[0], value = parts[1]
            guard !value.isEmpty, (name == "group" ? group : member) == nil else { throw bad("\(name)= needs one non-empty name") }
            guard value.unicodeScalars.allSatisfy({ $0.isASCII && $0.value > 0x20 && $0.value < 0x7F && $0 != "&" }) else {
                throw bad("\(name) '\(value)' must be printable ASCII")
            }
            // Kafka's limit on a group.id is the protocol's string length; a member name is
            // kept short, as it names files.
            guard value.utf8.count <= (name == "group" ? 255 : 64) else {
                throw bad("\(name) '\(value.prefix(20))…' is longer than \(name == "group" ? 255 : 64) characters")
            }
            if name == "group" { group = String(value) } else { member = String(value) }
        }
        guard member == nil || group != nil else { throw bad("member=\(member!) needs group=G: a member is one of a group's") }
        self.brokers = String(brokers)
        self.topic = String(topic)
        self.group = group
        self.member = member
    }
}

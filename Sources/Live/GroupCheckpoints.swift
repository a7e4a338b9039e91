#if canImport(Glibc)
import Glibc
#endif
import EventModel
import Ingest
import ObjectStore

/// What the other members of a Kafka group have counted, as their checkpoints in the same
/// history folder say: for each partition, the furthest next offset any of them saved. A member
/// taking up a partition starts no earlier, so nothing a member's saved state holds is counted
/// again — even where the group's committed offsets lag behind (a commit refused during a
/// rebalance, or a member killed between saving a checkpoint and committing it).
enum GroupCheckpoints {
    /// The furthest offsets counted by members of `address`'s group other than this one (index =
    /// partition id; `KafkaPosition.beginning` where none counted). A checkpoint that cannot be
    /// read is named in `problems` and left out.
    static func counted(directory: String, address: KafkaAddress) -> (next: [Int64], problems: [String]) {
        guard let group = address.group else { return ([], []) }
        let prefix = "kafka:" + address.topic + "?group=" + group + "&member="
        var next: [Int64] = []
        var problems: [String] = []
        let paths: [String]
        do throws(DataError) {
            paths = try checkpointPaths(in: directory)
        } catch {
            return ([], [error.description])
        }
        for path in paths {
            do throws(DataError) {
                guard let checkpoint = try Checkpoint.load(from: path), checkpoint.inputPath.hasPrefix(prefix),
                      checkpoint.inputPath != address.key, let kafka = checkpoint.kafka else { continue }
                if next.count < kafka.next.count {
                    next += Array(repeating: KafkaPosition.beginning, count: kafka.next.count - next.count)
                }
                for (p, offset) in kafka.next.enumerated() { next[p] = max(next[p], offset) }
            } catch {
                problems.append(error.description)
            }
        }
        return (next, problems)
    }

    /// Every checkpoint in a history folder (a local folder or `s3://BUCKET/PREFIX`).
    private static func checkpointPaths(in directory: String) throws(DataError) -> [String] {
        let marker = ".eventtop-checkpoint-"
        if S3Location.isURL(directory) {
            guard let location = try S3Location(url: directory) else { return [] }
            let listing = try S3Client.fromEnvironment().list(bucket: location.bucket,
                                                               prefix: location.folderPrefix + marker)
            return listing.objects.map { location.url(ofKey: $0.key) }.filter { !$0.hasSuffix(".tmp") }
        }
        guard let dir = opendir(directory) else {
            if errno == ENOENT { return [] }
            throw .io("cannot list \(directory): \(DataError.systemReason)")
        }
        defer { closedir(dir) }
        var paths: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name.hasPrefix(marker), !name.hasSuffix(".tmp") { paths.append(directory + "/" + name) }
        }
        return paths.sorted()
    }
}

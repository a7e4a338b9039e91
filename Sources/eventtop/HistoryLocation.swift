import ArgumentParser
import EventModel
import ObjectStore

/// A history folder given on the command line (`--history`, `history --dir`, `rollup --out`):
/// a path, or `s3://BUCKET/PREFIX` in object storage.
enum HistoryLocation {
    /// For `validate()`: a malformed `s3://` URL is a usage error naming the flag.
    static func validate(_ path: String?, flag: String) throws {
        guard let path else { return }
        do throws(DataError) { _ = try S3Location(url: path) } catch { throw ValidationError("\(flag): \(error.message)") }
    }

    /// Before work that would be lost: for object storage, that the credentials are set and
    /// good, the bucket exists and the store answers (one short listing). A folder is made or
    /// checked where it is written.
    static func checkWritable(_ path: String, flag: String) throws {
        do throws(DataError) {
            guard let location = try S3Location(url: path) else { return }
            try S3Client.fromEnvironment().checkAccess(location)
        } catch {
            if error.kind == .usage { throw UsageError("\(flag) \(path): \(error.description)") }
            throw RuntimeFailure("\(flag) \(error.description)")
        }
    }
}

import EventModel
import ObjectStore
import Parquet

/// A Parquet file in object storage, read with ranged GETs: the footer with one GET of the
/// object's last bytes (which also tells its size, and holds all of a small file), then each
/// column chunk the reader asks for with one GET of its bytes. When the listing gave the
/// object's version (size and ETag) and the process has an object cache, each range is read
/// through it: a range read before from the same version makes no request.
final class ObjectSource: ParquetByteSource {
    let name: String
    var cheapReads: Bool { false }
    private let client: S3Client
    private let bucket: String
    private let key: String
    private let version: ObjectVersion?
    private let cache: ObjectRangeCache?

    init(client: S3Client, bucket: String, key: String, version: ObjectVersion? = nil, cache: ObjectRangeCache? = nil) {
        self.client = client
        self.bucket = bucket
        self.key = key
        self.version = version
        self.cache = cache
        name = "s3://" + bucket + "/" + key
    }

    private func get(_ range: S3Range) throws(ParquetError) -> S3Bytes {
        do throws(DataError) {
            if let cache, let version {
                return try cache.get(client, bucket: bucket, key: key, version: version, range: range)
            }
            return try client.fetch(bucket: bucket, key: key, range: range)
        } catch {
            throw Self.parquetError(error)
        }
    }

    func tail(_ count: Int) throws(ParquetError) -> (bytes: [UInt8], fileSize: Int) {
        let got = try get(.suffix(count))
        return (got.bytes, got.size)
    }

    func read(offset: Int, count: Int) throws(ParquetError) -> [UInt8] {
        try get(.bytes(offset: offset, count: count)).bytes
    }

    /// The store's failure as the reader's: the reader names the object itself.
    static func parquetError(_ error: DataError) -> ParquetError {
        ParquetError(.io, error.message)
    }

    /// Opens `url` (`s3://BUCKET/KEY`) with the process's client, through `cache` when the
    /// object's `version` is known.
    static func open(_ url: String, version: ObjectVersion?, cache: ObjectRangeCache? = ObjectRangeCache.process)
        throws(ParquetError) -> ParquetFileReader
    {
        guard let (bucket, key) = S3Location.object(url) else { throw ParquetError(.io, "not an object URL", context: [url]) }
        let client: S3Client
        do throws(DataError) { client = try S3Client.fromEnvironment() } catch { throw ParquetError(.io, error.message, context: [url]) }
        return try ParquetFileReader(source: ObjectSource(client: client, bucket: bucket, key: key, version: version, cache: cache))
    }
}

import EventModel
import ObjectStore
import Parquet

/// A Parquet file in object storage, read with ranged GETs: the footer with one GET of the
/// object's last bytes (which also tells its size), then each column chunk the reader asks for
/// with one GET of its bytes.
final class ObjectSource: ParquetByteSource {
    let name: String
    var cheapReads: Bool { false }
    private let client: S3Client
    private let bucket: String
    private let key: String

    init(client: S3Client, bucket: String, key: String) {
        self.client = client
        self.bucket = bucket
        self.key = key
        name = "s3://" + bucket + "/" + key
    }

    func tail(_ count: Int) throws(ParquetError) -> (bytes: [UInt8], fileSize: Int) {
        do throws(DataError) {
            let (bytes, size) = try client.get(bucket: bucket, key: key, range: .suffix(count))
            return (bytes, size)
        } catch {
            throw Self.parquetError(error)
        }
    }

    func read(offset: Int, count: Int) throws(ParquetError) -> [UInt8] {
        do throws(DataError) {
            return try client.get(bucket: bucket, key: key, range: .bytes(offset: offset, count: count)).bytes
        } catch {
            throw Self.parquetError(error)
        }
    }

    /// The store's failure as the reader's: the reader names the object itself.
    static func parquetError(_ error: DataError) -> ParquetError {
        ParquetError(.io, error.message)
    }

    /// Opens `url` (`s3://BUCKET/KEY`) with the process's client.
    static func open(_ url: String) throws(ParquetError) -> ParquetFileReader {
        guard let (bucket, key) = S3Location.object(url) else { throw ParquetError(.io, "not an object URL", context: [url]) }
        let client: S3Client
        do throws(DataError) { client = try S3Client.fromEnvironment() } catch { throw ParquetError(.io, error.message, context: [url]) }
        return try ParquetFileReader(source: ObjectSource(client: client, bucket: bucket, key: key))
    }
}

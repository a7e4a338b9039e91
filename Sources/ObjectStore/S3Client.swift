#if canImport(Glibc)
import Glibc
#endif
import CCurl
import EventModel
import Synchronization

/// An S3 client over libcurl: every request signed with libcurl's AWS SigV4
/// (`CURLOPT_AWS_SIGV4`), over keep-alive connections kept in a pool of easy handles, with
/// bounded waits (a connect timeout and a low-speed limit: a store that stops answering ends
/// a request in `timeoutSeconds`, never a hang). Safe to use from several threads at once.
public final class S3Client: Sendable {
    public let settings: S3Settings
    private let pool = Mutex<[CurlHandle]>([])
    /// Set when the store could not be reached (a timeout, a refused connection): requests in
    /// the next seconds fail at once with the same reason instead of each waiting again.
    private let outage = Mutex<Outage?>(nil)

    private struct Outage {
        var until: Int64
        var message: String
    }

    /// How long an unreachable store is not asked again.
    static let outageNanos: Int64 = 10_000_000_000

    public init(settings: S3Settings) {
        self.settings = settings
    }

    /// One client per distinct settings, for the whole process (its connections are reused).
    public static func shared(_ settings: S3Settings) -> S3Client {
        clients.withLock { clients in
            if let client = clients[settings] { return client }
            let client = S3Client(settings: settings)
            clients[settings] = client
            return client
        }
    }

    /// The process's client, with the settings of its environment (read once).
    public static func fromEnvironment() throws(DataError) -> S3Client {
        try environmentClient.get()
    }

    private static let environmentClient: Result<S3Client, DataError> = {
        do throws(DataError) {
            return .success(shared(try S3Settings(environment: S3Settings.processEnvironment())))
        } catch {
            return .failure(error)
        }
    }()

    private static let clients = Mutex<[S3Settings: S3Client]>([:])

    // MARK: requests

    struct Request {
        var method = "GET"
        var bucket: String
        var key: String = ""
        /// Unencoded names and values (encoded and sorted here).
        var query: [(String, String)] = []
        var headers: [String] = []
        var body: [UInt8]?
    }

    struct Response {
        var status: Int
        var body: [UInt8]
        /// `Content-Range: bytes START-END/TOTAL`
        var range: (start: Int, end: Int, total: Int)?
        /// The object's ETag as the reply gives it (quotes kept).
        var etag: String? = nil
    }

    /// Performs `request`, retrying twice after a server error (5xx) or a dropped connection;
    /// a timeout or a store that cannot be reached is not retried. Any status is returned: the
    /// caller decides what a 404 means.
    func perform(_ request: Request) throws(DataError) -> Response {
        if let down = outage.withLock({ o -> String? in
            guard let o, WallClock.monotonicNanos() < o.until else { return nil }
            return o.message
        }) {
            throw DataError.io(down)
        }
        if let missing = eventtop_curl_load() { throw DataError.io(String(cString: missing)) }
        var attempt = 0
        while true {
            let outcome = once(request)
            switch outcome {
            case .success(let response) where response.status >= 500 && attempt < 2:
                break
            case .success(let response):
                return response
            case .failure(let failure):
                if failure.unreachable {
                    outage.withLock { $0 = Outage(until: WallClock.monotonicNanos() + Self.outageNanos, message: failure.message) }
                    throw DataError.io(failure.message)
                }
                if !failure.retry || attempt >= 2 { throw DataError.io(failure.message) }
            }
            attempt += 1
            usleep(UInt32(attempt) * 150_000)
        }
    }

    struct Failure: Error {
        var message: String
        /// The store did not answer or could not be reached.
        var unreachable = false
        var retry = false
    }

    private func once(_ request: Request) -> Result<Response, Failure> {
        let handle = pool.withLock { $0.popLast() } ?? CurlHandle()
        let result = handle.run(request, settings: settings, url: settings.url(
            bucket: request.bucket, key: request.key, query: S3Encoding.query(request.query)))
        if case .success = result { pool.withLock { $0.append(handle) } }  // a failed one is dropped with its connection
        return result
    }
}

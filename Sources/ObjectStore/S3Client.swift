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

/// One libcurl easy handle (and the connection it keeps alive between requests).
final class CurlHandle: @unchecked Sendable {
    // SAFETY (Sendable): a handle is used by one thread at a time: taken from the pool, used,
    // given back.
    let pointer: UnsafeMutableRawPointer?

    init() { pointer = eventtop_curl_easy_init() }

    deinit { if let pointer { eventtop_curl_easy_cleanup(pointer) } }

    /// What the callbacks fill during one transfer.
    final class Sink {
        var body: [UInt8] = []
        var range: (start: Int, end: Int, total: Int)?
    }

    func run(_ request: S3Client.Request, settings: S3Settings, url: String) -> Result<S3Client.Response, S3Client.Failure> {
        guard let h = pointer else { return .failure(.init(message: "libcurl: cannot make a handle")) }
        eventtop_curl_easy_reset(h)
        let sink = Sink()
        let context = Unmanaged.passUnretained(sink).toOpaque()
        var headers: UnsafeMutablePointer<curl_slist>?
        defer { eventtop_curl_slist_free_all(headers) }
        // libcurl 7.88 signs with SigV4 but sends no x-amz-content-sha256, which S3 requires:
        // the payload is left unsigned (TLS protects it on the way).
        var lines = ["x-amz-content-sha256: UNSIGNED-PAYLOAD"] + request.headers
        if let token = settings.sessionToken { lines.append("x-amz-security-token: " + token) }
        if request.body != nil { lines.append("Content-Type: application/octet-stream") }
        for line in lines { headers = eventtop_curl_slist_append(headers, line) }
        let timeout = settings.timeoutSeconds
        _ = eventtop_curl_set_string(h, CURLOPT_URL, url)
        _ = eventtop_curl_set_string(h, CURLOPT_AWS_SIGV4, "aws:amz:\(settings.region):s3")
        _ = eventtop_curl_set_string(h, CURLOPT_USERNAME, settings.accessKey)
        _ = eventtop_curl_set_string(h, CURLOPT_PASSWORD, settings.secretKey)
        _ = eventtop_curl_set_pointer(h, CURLOPT_HTTPHEADER, UnsafeMutableRawPointer(headers))
        _ = eventtop_curl_set_long(h, CURLOPT_NOSIGNAL, 1)
        _ = eventtop_curl_set_long(h, CURLOPT_CONNECTTIMEOUT, min(timeout, 10))
        _ = eventtop_curl_set_long(h, CURLOPT_LOW_SPEED_LIMIT, 1)
        _ = eventtop_curl_set_long(h, CURLOPT_LOW_SPEED_TIME, timeout)
        _ = eventtop_curl_set_long(h, CURLOPT_FOLLOWLOCATION, 0)
        _ = eventtop_curl_set_callback(h, CURLOPT_WRITEFUNCTION, curlWriteBody)
        _ = eventtop_curl_set_pointer(h, CURLOPT_WRITEDATA, context)
        _ = eventtop_curl_set_callback(h, CURLOPT_HEADERFUNCTION, curlReadHeader)
        _ = eventtop_curl_set_pointer(h, CURLOPT_HEADERDATA, context)
        if request.method != "GET" { _ = eventtop_curl_set_string(h, CURLOPT_CUSTOMREQUEST, request.method) }
        let code: CURLcode
        if let body = request.body {
            // POSTFIELDS is not copied: the body stays alive for the whole transfer.
            code = body.withUnsafeBytes { raw in
                _ = eventtop_curl_set_offset(h, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(raw.count))
                _ = eventtop_curl_set_pointer(h, CURLOPT_POSTFIELDS, UnsafeMutableRawPointer(mutating: raw.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!))
                return withExtendedLifetime(sink) { eventtop_curl_easy_perform(h) }
            }
        } else {
            code = withExtendedLifetime(sink) { eventtop_curl_easy_perform(h) }
        }
        guard code == CURLE_OK else {
            let store = settings.storeName
            switch code {
            case CURLE_OPERATION_TIMEDOUT:
                return .failure(.init(message: "\(store) did not answer within \(timeout) s (EVENTTOP_S3_TIMEOUT)",
                                      unreachable: true))
            case CURLE_COULDNT_CONNECT:
                return .failure(.init(message: "cannot connect to \(store): \(Self.describe(code))", unreachable: true))
            case CURLE_COULDNT_RESOLVE_HOST:
                return .failure(.init(message: "cannot resolve the host of \(store)", unreachable: true))
            case CURLE_GOT_NOTHING, CURLE_SEND_ERROR, CURLE_RECV_ERROR, CURLE_PARTIAL_FILE:
                return .failure(.init(message: "\(store): \(Self.describe(code))", retry: true))
            default:
                return .failure(.init(message: "\(store): \(Self.describe(code))"))
            }
        }
        var status = 0
        _ = eventtop_curl_response_code(h, &status)
        return .success(S3Client.Response(status: status, body: sink.body, range: sink.range))
    }

    static func describe(_ code: CURLcode) -> String { String(cString: eventtop_curl_easy_strerror(code)) }
}

/// WRITEFUNCTION: appends the reply's bytes to the transfer's sink.
private let curlWriteBody: eventtop_curl_data_callback = { data, size, count, context in
    let sink = Unmanaged<CurlHandle.Sink>.fromOpaque(context!).takeUnretainedValue()
    let n = size * count
    guard n > 0, let data else { return n }
    sink.body.append(contentsOf: UnsafeRawBufferPointer(start: data, count: n))
    return n
}

/// HEADERFUNCTION: the headers eventtop reads (Content-Length to size the body once,
/// Content-Range); a new status line starts over (an interim 100 reply).
private let curlReadHeader: eventtop_curl_data_callback = { data, size, count, context in
    let sink = Unmanaged<CurlHandle.Sink>.fromOpaque(context!).takeUnretainedValue()
    let n = size * count
    guard let data else { return n }
    let line = String(decoding: UnsafeRawBufferPointer(start: data, count: n), as: UTF8.self)
    guard let colon = line.firstIndex(of: ":") else {
        if line.hasPrefix("HTTP/") { sink.range = nil }
        return n
    }
    let name = line[..<colon].lowercased()
    let value = line[line.index(after: colon)...].trimmingSpaces
    switch name {
    case "content-length":
        if let length = Int(value), length > 0, length <= 1 << 30 { sink.body.reserveCapacity(length) }
    case "content-range":
        // bytes START-END/TOTAL
        if value.hasPrefix("bytes "), let dash = value.firstIndex(of: "-"), let slash = value.firstIndex(of: "/"),
           let start = Int(value[value.index(value.startIndex, offsetBy: 6)..<dash]),
           let end = Int(value[value.index(after: dash)..<slash]),
           let total = Int(value[value.index(after: slash)...]) {
            sink.range = (start, end, total)
        }
    default:
        break
    }
    return n
}

extension StringProtocol {
    var trimmingSpaces: String {
        var s = Substring(self)
        // Character's isWhitespace: "\r\n" is one Character.
        while let c = s.first, c.isWhitespace { s = s.dropFirst() }
        while let c = s.last, c.isWhitespace { s = s.dropLast() }
        return String(s)
    }
}

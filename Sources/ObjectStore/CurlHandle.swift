import CCurl
import EventModel

/// One libcurl easy handle (and the connection it keeps alive between requests).
final class CurlHandle: @unchecked Sendable {
    /// A Content-Range header's `bytes START-END/TOTAL`, when it is one that makes sense
    /// (0 <= START <= END < TOTAL, below 2^50 bytes); nil for anything else, which the caller
    /// reports as a reply without a matching range. The values come from the server: checked
    /// here before any arithmetic.
    static func contentRange(_ value: String) -> (start: Int, end: Int, total: Int)? {
        guard value.hasPrefix("bytes ") else { return nil }
        let numbers = value.dropFirst(6).split(separator: "/", omittingEmptySubsequences: false)
        guard numbers.count == 2 else { return nil }
        let bounds = numbers[0].split(separator: "-", omittingEmptySubsequences: false)
        let limit = 1 << 50
        guard bounds.count == 2, let start = Int(bounds[0]), let end = Int(bounds[1]), let total = Int(numbers[1]),
              start >= 0, start <= end, end < total, total <= limit
        else { return nil }
        return (start, end, total)
    }

    // SAFETY (Sendable): a handle is used by one thread at a time: taken from the pool, used,
    // given back.
    let pointer: UnsafeMutableRawPointer?

    init() { pointer = eventtop_curl_easy_init() }

    deinit { if let pointer { eventtop_curl_easy_cleanup(pointer) } }

    /// What the callbacks fill during one transfer.
    final class Sink {
        var body: [UInt8] = []
        var range: (start: Int, end: Int, total: Int)?
        var etag: String?
    }

    func run(_ request: S3Client.Request, settings: S3Settings, url: String) -> Result<S3Client.Response, S3Client.Failure> {
        guard let h = pointer else { return .failure(.init(message: "libcurl: cannot make a handle")) }
        eventtop_curl_easy_reset(h)
        let sink = Sink()
        // SAFETY: the callbacks get `sink` back from this pointer only during curl_easy_perform
        // below, which runs inside withExtendedLifetime(sink).
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
            // SAFETY: POSTFIELDS is not copied; the body's bytes stay valid for the whole transfer,
            // which ends inside this closure (an empty body gets a non-null pointer and size 0).
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
        return .success(S3Client.Response(status: status, body: sink.body, range: sink.range, etag: sink.etag))
    }

    static func describe(_ code: CURLcode) -> String { String(cString: eventtop_curl_easy_strerror(code)) }
}

/// WRITEFUNCTION: appends the reply's bytes to the transfer's sink.
// SAFETY (both callbacks): libcurl passes `size * count` readable bytes at `data`, and the
// context given in `run`, a Sink kept alive for the transfer.
private let curlWriteBody: eventtop_curl_data_callback = { data, size, count, context in
    let sink = Unmanaged<CurlHandle.Sink>.fromOpaque(context!).takeUnretainedValue()
    let n = size * count
    guard n > 0, let data else { return n }
    sink.body.append(contentsOf: UnsafeRawBufferPointer(start: data, count: n))
    return n
}

/// HEADERFUNCTION: the headers eventtop reads (Content-Length to size the body once,
/// Content-Range, ETag); a new status line starts over (an interim 100 reply).
private let curlReadHeader: eventtop_curl_data_callback = { data, size, count, context in
    let sink = Unmanaged<CurlHandle.Sink>.fromOpaque(context!).takeUnretainedValue()
    let n = size * count
    guard let data else { return n }
    let line = String(decoding: UnsafeRawBufferPointer(start: data, count: n), as: UTF8.self)
    guard let colon = line.firstIndex(of: ":") else {
        if line.hasPrefix("HTTP/") {
            sink.range = nil
            sink.etag = nil
        }
        return n
    }
    let name = line[..<colon].lowercased()
    let value = line[line.index(after: colon)...].trimmingSpaces
    switch name {
    case "content-length":
        if let length = Int(value), length > 0, length <= 1 << 30 { sink.body.reserveCapacity(length) }
    case "content-range":
        sink.range = CurlHandle.contentRange(String(value))
    case "etag":
        sink.etag = String(value)
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

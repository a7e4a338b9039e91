import EventModel

/// An object of a listing.
public struct S3Object: Sendable, Hashable {
    public var key: String
    public var size: Int64
    /// The object's ETag: it changes whenever the object is written again.
    public var etag: String

    public init(key: String, size: Int64, etag: String) {
        self.key = key
        self.size = size
        self.etag = etag
    }
}

/// A listing: the objects found and, with a delimiter, the common prefixes ("folders").
public struct S3Listing: Sendable, Equatable {
    public var objects: [S3Object] = []
    /// Each ends with the delimiter: `PREFIX/date=2026-06-01/`.
    public var prefixes: [String] = []
}

/// Bytes of an object as a GET returned them.
public struct S3Bytes: Sendable, Equatable {
    public var bytes: [UInt8]
    /// The object's whole size.
    public var size: Int
    /// The reply's ETag (quotes kept), when it named one.
    public var etag: String?

    public init(bytes: [UInt8], size: Int, etag: String?) {
        self.bytes = bytes
        self.size = size
        self.etag = etag
    }
}

/// Which bytes of an object a GET asks for.
public enum S3Range: Sendable, Equatable {
    case whole
    /// The last N bytes (all of a smaller object).
    case suffix(Int)
    /// `count` bytes from `offset`.
    case bytes(offset: Int, count: Int)
}

extension S3Client {
    /// Lists the keys below `prefix` (ListObjectsV2), following continuation tokens; with a
    /// `delimiter`, keys past the next delimiter are grouped into `prefixes`. Keys come in
    /// UTF-8 order: from just after `startAfter` when given, and up to the first key (or
    /// prefix) for which `past` holds, where the listing stops without reading further pages.
    public func list(bucket: String, prefix: String, delimiter: String? = nil, startAfter: String? = nil,
                     past: ((String) -> Bool)? = nil) throws(DataError) -> S3Listing
    {
        var listing = S3Listing()
        var token: String?
        let where_ = Self.url(bucket: bucket, key: prefix.hasSuffix("/") ? String(prefix.dropLast()) : prefix)
        repeat {
            var query: [(String, String)] = [("list-type", "2"), ("prefix", prefix)]
            if let delimiter { query.append(("delimiter", delimiter)) }
            if let token { query.append(("continuation-token", token)) } else if let startAfter { query.append(("start-after", startAfter)) }
            let response = try perform(Request(bucket: bucket, query: query), at: where_)
            guard response.status == 200 else { throw failure(response, bucket: bucket).within(where_) }
            let xml = S3XML(response.body)
            var stopped = false
            for block in xml.all("Contents") {
                guard let key = xml.first("Key", in: block) else { continue }
                if let past, past(key) { stopped = true; break }
                let size = xml.first("Size", in: block).flatMap { Int64($0) } ?? 0
                listing.objects.append(S3Object(key: key, size: size, etag: xml.first("ETag", in: block) ?? ""))
            }
            for block in xml.all("CommonPrefixes") {
                guard let p = xml.first("Prefix", in: block) else { continue }
                if let past, past(p) { stopped = true; break }
                listing.prefixes.append(p)
            }
            token = nil
            if !stopped, xml.first("IsTruncated") == "true" {
                guard let next = xml.first("NextContinuationToken") else {
                    throw DataError.io("a truncated listing without a continuation token", where_)
                }
                token = next
            }
        } while token != nil
        return listing
    }

    /// One short listing of `location` (at most one key): that the credentials are good, the
    /// bucket exists and the store answers, before work that would be lost if they were not.
    public func checkAccess(_ location: S3Location) throws(DataError) {
        let response = try perform(Request(bucket: location.bucket, query: [
            ("list-type", "2"), ("prefix", location.folderPrefix), ("max-keys", "1")]), at: location.description)
        guard response.status == 200 else { throw failure(response, bucket: location.bucket).within(location.description) }
    }

    /// The bytes of `range` of an object and the object's whole size.
    public func get(bucket: String, key: String, range: S3Range = .whole) throws(DataError) -> (bytes: [UInt8], size: Int) {
        let got = try fetch(bucket: bucket, key: key, range: range)
        return (got.bytes, got.size)
    }

    /// The bytes of `range` of an object, the object's whole size, and the ETag the reply named
    /// (which says which version of the object the bytes are from).
    public func fetch(bucket: String, key: String, range: S3Range = .whole) throws(DataError) -> S3Bytes {
        var request = Request(bucket: bucket, key: key)
        switch range {
        case .whole: break
        case .suffix(let n): request.headers.append("Range: bytes=-\(max(1, n))")
        case .bytes(let offset, let count):
            guard count > 0 else { return S3Bytes(bytes: [], size: -1, etag: nil) }
            guard offset >= 0, count <= Int.max - offset else {
                throw DataError.io("no bytes \(count) at \(offset) in an object", Self.url(bucket: bucket, key: key))
            }
            request.headers.append("Range: bytes=\(offset)-\(offset + count - 1)")
        }
        let where_ = Self.url(bucket: bucket, key: key)
        let response = try perform(request, at: where_)
        switch response.status {
        case 200:
            // The whole object (a store that ignores ranges, or a suffix longer than the object).
            let size = response.body.count
            switch range {
            case .whole: return S3Bytes(bytes: response.body, size: size, etag: response.etag)
            case .suffix(let n): return S3Bytes(bytes: Array(response.body.suffix(n)), size: size, etag: response.etag)
            case .bytes(let offset, let count):
                guard offset + count <= size else {
                    throw DataError.io("object ended at \(size) bytes while reading \(count) bytes at \(offset)", where_)
                }
                return S3Bytes(bytes: Array(response.body[offset..<(offset + count)]), size: size, etag: response.etag)
            }
        case 206:
            guard let r = response.range, r.end - r.start + 1 == response.body.count else {
                throw DataError.io("a partial reply without a matching Content-Range", where_)
            }
            if case .bytes(let offset, let count) = range, r.start != offset || response.body.count != count {
                throw DataError.io("object ended at \(r.total) bytes while reading \(count) bytes at \(offset)", where_)
            }
            return S3Bytes(bytes: response.body, size: r.total, etag: response.etag)
        case 416:
            throw DataError.io("the object is empty or shorter than the bytes asked for", where_)
        default:
            throw failure(response, bucket: bucket).within(where_)
        }
    }

    /// The whole object, or nil when there is no object of that key.
    public func getIfPresent(bucket: String, key: String) throws(DataError) -> [UInt8]? {
        let response = try perform(Request(bucket: bucket, key: key), at: Self.url(bucket: bucket, key: key))
        if response.status == 200 { return response.body }
        let failure = failure(response, bucket: bucket)
        if response.status == 404 && failure.message.hasSuffix("(NoSuchKey)") { return nil }
        throw failure.within(Self.url(bucket: bucket, key: key))
    }

    /// Writes an object whole (it appears at once, or not at all).
    public func put(bucket: String, key: String, bytes: [UInt8]) throws(DataError) {
        let response = try perform(Request(method: "PUT", bucket: bucket, key: key, body: bytes),
                                   at: Self.url(bucket: bucket, key: key))
        guard response.status == 200 else { throw failure(response, bucket: bucket).within(Self.url(bucket: bucket, key: key)) }
    }

    /// Removes an object (a missing one is not an error, as in S3).
    public func delete(bucket: String, key: String) throws(DataError) {
        let response = try perform(Request(method: "DELETE", bucket: bucket, key: key), at: Self.url(bucket: bucket, key: key))
        guard response.status == 204 || response.status == 200 || response.status == 404 else {
            throw failure(response, bucket: bucket).within(Self.url(bucket: bucket, key: key))
        }
    }

    /// `perform`, a failure located at `place` (the object or prefix).
    private func perform(_ request: Request, at place: String) throws(DataError) -> Response {
        do { return try perform(request) } catch { throw error.within(place) }
    }

    static func url(bucket: String, key: String) -> String { "s3://" + bucket + (key.isEmpty ? "" : "/" + key) }

    /// An error reply as one line: what it means for the user, then S3's code.
    func failure(_ response: Response, bucket: String) -> DataError {
        let xml = S3XML(response.body)
        let code = xml.first("Code") ?? ""
        let message = xml.first("Message").map(Self.oneLine)
        let store = settings.storeName
        let text: String
        switch (response.status, code) {
        case (403, "InvalidAccessKeyId"):
            text = "access denied: \(store) does not know the access key in AWS_ACCESS_KEY_ID (InvalidAccessKeyId)"
        case (403, "SignatureDoesNotMatch"):
            text = "access denied: the signature does not match: check AWS_SECRET_ACCESS_KEY (SignatureDoesNotMatch)"
        case (403, "RequestTimeTooSkewed"):
            text = "access denied: this machine's clock is too far from the store's (RequestTimeTooSkewed)"
        case (403, _):
            text = "access denied" + (message.map { ": \($0)" } ?? "") + (code.isEmpty ? " (HTTP 403)" : " (\(code))")
        case (404, "NoSuchBucket"):
            text = "no bucket '\(bucket)' at \(store) (NoSuchBucket)"
        case (404, "NoSuchKey"):
            text = "no such object (NoSuchKey)"
        case (301, _), (307, _), (400, "AuthorizationHeaderMalformed"), (400, "IllegalLocationConstraintException"):
            text = "the bucket is in another region than AWS_REGION=\(settings.region)" + (code.isEmpty ? "" : " (\(code))")
        default:
            let what = message ?? (response.body.isEmpty ? "" : String(decoding: response.body.prefix(200), as: UTF8.self))
            text = "\(store) answered HTTP \(response.status)" + (what.isEmpty ? "" : ": " + Self.oneLine(what))
                + (code.isEmpty ? "" : " (\(code))")
        }
        return DataError(.io, text)
    }

    /// Text from the store as one line: control characters (line breaks among them) as spaces.
    static func oneLine(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? " " : $0 }))
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import EventModel

/// How to reach an S3-compatible store, from the variables every S3 tool reads:
/// `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY` (and `AWS_SESSION_TOKEN` for temporary keys),
/// `AWS_REGION` (or `AWS_DEFAULT_REGION`; default `us-east-1`), `AWS_ENDPOINT_URL_S3` or
/// `AWS_ENDPOINT_URL` (default AWS's own endpoint of the region). `EVENTTOP_S3_TIMEOUT`
/// (seconds, default 15) bounds how long a store may stay silent.
public struct S3Settings: Sendable, Hashable {
    /// `http(s)://HOST[:PORT]`, no trailing slash; nil for AWS itself.
    public var endpoint: String?
    public var region: String
    public var accessKey: String
    public var secretKey: String
    public var sessionToken: String?
    /// Seconds without a byte (connecting, or in a transfer) before a request is given up.
    public var timeoutSeconds: Int = 15

    public init(endpoint: String?, region: String, accessKey: String, secretKey: String, sessionToken: String? = nil) {
        self.endpoint = endpoint
        self.region = region
        self.accessKey = accessKey
        self.secretKey = secretKey
        self.sessionToken = sessionToken
    }

    /// The settings from `environment`; throws a usage error naming the variable that is missing
    /// or wrong.
    public init(environment: [String: String]) throws(DataError) {
        func value(_ name: String) -> String? {
            guard let v = environment[name], !v.isEmpty else { return nil }
            return v
        }
        guard let key = value("AWS_ACCESS_KEY_ID"), let secret = value("AWS_SECRET_ACCESS_KEY") else {
            throw DataError(.usage, "object storage needs credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY")
        }
        accessKey = key
        secretKey = secret
        sessionToken = value("AWS_SESSION_TOKEN")
        region = value("AWS_REGION") ?? value("AWS_DEFAULT_REGION") ?? "us-east-1"
        if let url = value("AWS_ENDPOINT_URL_S3") ?? value("AWS_ENDPOINT_URL") {
            var trimmed = Substring(url)
            while trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
            guard trimmed.hasPrefix("http://") || trimmed.hasPrefix("https://"), trimmed.count > 8 else {
                throw DataError(.usage, "AWS_ENDPOINT_URL: '\(url)' is not an http:// or https:// URL")
            }
            endpoint = String(trimmed)
        }
        if let text = value("EVENTTOP_S3_TIMEOUT") {
            guard let seconds = Int(text), seconds >= 1, seconds <= 3600 else {
                throw DataError(.usage, "EVENTTOP_S3_TIMEOUT: '\(text)' is not a number of seconds from 1 to 3600")
            }
            timeoutSeconds = seconds
        }
    }

    /// The process's environment.
    public static func processEnvironment() -> [String: String] {
        var out: [String: String] = [:]
        var p = environ
        while let entry = p.pointee {
            let text = String(cString: entry)
            if let eq = text.firstIndex(of: "=") { out[String(text[..<eq])] = String(text[text.index(after: eq)...]) }
            p += 1
        }
        return out
    }

    /// What a message names as the store: the endpoint, or AWS's for the region.
    public var storeName: String { endpoint ?? "https://s3.\(region).amazonaws.com" }

    /// The URL of `key` in `bucket` (percent-encoded): path style under a given endpoint (as
    /// MinIO, Ceph, R2 and moto serve), virtual-hosted on AWS.
    func url(bucket: String, key: String, query: String) -> String {
        let path = key.isEmpty ? "" : S3Encoding.path(key)
        let base: String
        if let endpoint {
            base = endpoint + "/" + bucket + (path.isEmpty ? "" : "/" + path)
        } else if !bucket.contains(".") {
            base = "https://\(bucket).s3.\(region).amazonaws.com/" + path
        } else {
            base = "https://s3.\(region).amazonaws.com/\(bucket)" + (path.isEmpty ? "" : "/" + path)
        }
        return query.isEmpty ? base : base + "?" + query
    }
}

/// Percent-encoding as SigV4 wants it: every byte but `A–Z a–z 0–9 - . _ ~` as `%XX` (capitals);
/// `/` kept between the segments of a key.
enum S3Encoding {
    static func path(_ key: String) -> String { encode(key, keepSlash: true) }
    static func value(_ text: String) -> String { encode(text, keepSlash: false) }

    /// A query string of `pairs`, sorted by name (libcurl signs the parameters in the order given,
    /// and SigV4's canonical request has them sorted).
    static func query(_ pairs: [(String, String)]) -> String {
        pairs.sorted { $0.0 < $1.0 }.map { value($0.0) + "=" + value($0.1) }.joined(separator: "&")
    }

    private static func encode(_ text: String, keepSlash: Bool) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        for c in text.utf8 {
            let plain = (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || (c >= 0x30 && c <= 0x39)
                || c == UInt8(ascii: "-") || c == UInt8(ascii: ".") || c == UInt8(ascii: "_") || c == UInt8(ascii: "~")
                || (keepSlash && c == UInt8(ascii: "/"))
            if plain {
                out.append(c)
            } else {
                out.append(UInt8(ascii: "%"))
                out.append(hex[Int(c >> 4)])
                out.append(hex[Int(c & 15)])
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}

import EventModel

/// `s3://BUCKET/PREFIX`: where a history's objects are. The prefix has no leading or trailing
/// slash (empty for a whole bucket); keys below it are `PREFIX/…`.
public struct S3Location: Sendable, Hashable, CustomStringConvertible {
    public static let scheme = "s3://"

    public var bucket: String
    public var prefix: String

    public init(bucket: String, prefix: String) {
        self.bucket = bucket
        self.prefix = prefix
    }

    /// Whether a history path names object storage rather than a folder.
    public static func isURL(_ path: String) -> Bool { path.hasPrefix(scheme) }

    /// Parses `s3://BUCKET[/PREFIX]`; nil for a path that is not an `s3://` URL. Throws a usage
    /// error for an `s3://` URL without a valid bucket name.
    public init?(url: String) throws(DataError) {
        guard Self.isURL(url) else { return nil }
        let rest = url.dropFirst(Self.scheme.count)
        let slash = rest.firstIndex(of: "/") ?? rest.endIndex
        let bucket = String(rest[..<slash])
        guard Self.isBucketName(bucket) else {
            throw DataError(.usage, "\(url): '\(bucket)' is not a bucket name (3 to 63 lowercase letters, digits, '.', '-')")
        }
        self.bucket = bucket
        let path = rest[slash...].split(separator: "/", omittingEmptySubsequences: true)
        prefix = path.joined(separator: "/")
    }

    /// S3's rule for bucket names (the old rules also allowed uppercase and '_': accepted).
    static func isBucketName(_ name: String) -> Bool {
        guard (3...63).contains(name.utf8.count) else { return false }
        return name.utf8.allSatisfy { c in
            (c >= 0x61 && c <= 0x7A) || (c >= 0x41 && c <= 0x5A) || (c >= 0x30 && c <= 0x39)
                || c == UInt8(ascii: ".") || c == UInt8(ascii: "-") || c == UInt8(ascii: "_")
        }
    }

    /// The key of `relative` below the prefix (`PREFIX/relative`).
    public func key(_ relative: String) -> String { prefix.isEmpty ? relative : prefix + "/" + relative }

    /// The prefix as a folder of keys: `PREFIX/`, or empty for the whole bucket.
    public var folderPrefix: String { prefix.isEmpty ? "" : prefix + "/" }

    /// `s3://BUCKET/KEY`
    public func url(ofKey key: String) -> String { Self.scheme + bucket + "/" + key }

    /// The object at `url` if it is an `s3://` URL: its location's bucket and its key.
    public static func object(_ url: String) -> (bucket: String, key: String)? {
        guard isURL(url) else { return nil }
        let rest = url.dropFirst(scheme.count)
        guard let slash = rest.firstIndex(of: "/") else { return nil }
        let key = rest[rest.index(after: slash)...]
        return key.isEmpty ? nil : (String(rest[..<slash]), String(key))
    }

    /// `s3://BUCKET/PREFIX`
    public var description: String { Self.scheme + bucket + (prefix.isEmpty ? "" : "/" + prefix) }
}

/// Which version of an object: its size and ETag as a listing gave them. Another size or ETag
/// means the object was written again, so bytes kept for one version say nothing of another.
public struct ObjectVersion: Sendable, Hashable, CustomStringConvertible {
    public var size: Int64
    /// As the listing gave it (S3 quotes it: `"9b2cf5…"`).
    public var etag: String

    public init(size: Int64, etag: String) {
        self.size = size
        self.etag = etag
    }

    /// `SIZE ETAG`, as the history's file stamps compare versions.
    public var description: String { "\(size) \(etag)" }

    /// Whether a reply's ETag header names this version. Quotes and a weak `W/` mark are set
    /// aside (a listing and a GET may quote differently); an empty ETag names no version.
    public func matches(etag other: String?) -> Bool {
        guard let other else { return false }
        let mine = Self.bare(etag)
        return !mine.isEmpty && mine == Self.bare(other)
    }

    static func bare(_ etag: String) -> Substring {
        var s = Substring(etag)
        if s.hasPrefix("W/") { s = s.dropFirst(2) }
        if s.count >= 2, s.hasPrefix("\""), s.hasSuffix("\"") { s = s.dropFirst().dropLast() }
        return s
    }
}

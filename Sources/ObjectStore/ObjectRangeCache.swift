#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import EventModel
import Synchronization

/// A local cache of byte ranges fetched from object storage, so that reading the same objects
/// again (the next `history` run, the screen's next start) makes no GET: one file an entry,
/// keyed by the object's bucket, key, size and ETag (from the listing) and the range asked for.
/// An object written again lists with another size or ETag, so its old entries are never
/// found again (and age out).
///
/// Nothing read back is trusted: an entry holds its whole key (compared, not only its hash), the
/// payload's length (the file's length must match to the byte) and its CRC-32C; an entry that is
/// corrupt, cut short or unreadable is a miss, and the range is fetched again (and the entry
/// rewritten). Entries are written to a temporary file in the same folder and renamed into place
/// (files 0600, folders 0700), so a reader (in this process or another sharing the folder) sees a
/// whole entry or none. The folder is kept under `maxBytes` by removing the least recently used
/// entries (a hit touches its entry's time); removal tolerates entries that another process
/// removed first.
///
/// A cache that cannot be written (a read-only disk, a full one, a path that is not a folder) is
/// one warning (`warning`), and writing stops for the rest of the process: bytes are then read
/// from the store only. Never a failure of a read.
public final class ObjectRangeCache: Sendable {
    public let folder: String
    public let maxBytes: Int64
    private let state: Mutex<State>

    private struct State {
        /// The folder's bytes as last counted plus what this process wrote since; nil until counted.
        /// Entries other processes write meanwhile are not in it (each process bounds the folder
        /// by its own count, so several at once can overshoot until their next count), and an
        /// entry rewritten here is counted twice (the count errs high: eviction comes early).
        var used: Int64?
        var warning: String?
        var writable = true
        var evicting = false
        var serial: UInt64 = 0
    }

    /// 256 MiB: a year of daily partitions of a few thousand tenants holds a few tens of MiB.
    public static let defaultMaxBytes: Int64 = 256 << 20
    /// The bytes of an entry before its key.
    static let fixedHeader = 8 + 4 + 8 + 8 + 4
    static let magic: [UInt8] = Array("ETRANGE1".utf8)
    /// Temporary files older than this were left by a process that died while writing.
    static let staleTemporarySeconds = 3600

    /// - Parameters:
    ///   - warning: a line to show from the start (a bad setting in the environment).
    public init(folder: String, maxBytes: Int64 = defaultMaxBytes, warning: String? = nil) {
        self.folder = folder
        self.maxBytes = max(1, maxBytes)
        state = Mutex(State(warning: warning))
    }

    /// The first problem met (one line naming the folder), if any.
    public var warning: String? { state.withLock { $0.warning } }

    // MARK: the process's cache

    /// The cache the environment asks for: `EVENTTOP_S3_CACHE=DIR` (or `off`), else
    /// `$XDG_CACHE_HOME/eventtop/objects` when that is an absolute path, else
    /// `$HOME/.cache/eventtop/objects`; nil when off or with no home. `EVENTTOP_S3_CACHE_MB=N`
    /// bounds it (default 256); a value that is not a whole number of MiB is a warning, and
    /// the default is used.
    public static func fromEnvironment(_ environment: [String: String]) -> ObjectRangeCache? {
        let folder: String
        if let chosen = environment["EVENTTOP_S3_CACHE"], !chosen.isEmpty {
            if chosen == "off" { return nil }
            folder = chosen
        } else if let xdg = environment["XDG_CACHE_HOME"], xdg.hasPrefix("/") {
            folder = trimmed(xdg) + "/eventtop/objects"
        } else if let home = environment["HOME"], home.hasPrefix("/") {
            folder = trimmed(home) + "/.cache/eventtop/objects"
        } else {
            return nil
        }
        var maxBytes = defaultMaxBytes
        var warning: String?
        if let text = environment["EVENTTOP_S3_CACHE_MB"], !text.isEmpty {
            if let mib = Int64(text), mib >= 1, mib <= 1 << 30 {
                maxBytes = mib << 20
            } else {
                warning = "EVENTTOP_S3_CACHE_MB=\(text) is not a whole number of MiB from 1 to 1073741824: "
                    + "the object cache \(folder) is bounded by \(defaultMaxBytes >> 20) MiB"
            }
        }
        return ObjectRangeCache(folder: folder, maxBytes: maxBytes, warning: warning)
    }

    /// The process's cache, from its environment (read once).
    public static let process: ObjectRangeCache? = fromEnvironment(S3Settings.processEnvironment())

    private static func trimmed(_ path: String) -> String {
        var path = Substring(path)
        while path.count > 1 && path.hasSuffix("/") { path = path.dropLast() }
        return String(path)
    }

    // MARK: reading through the cache

    /// `range` of the object `version` of `bucket`/`key`: from the cache when it holds it,
    /// else with one GET, kept when the reply's size and ETag are the listed version's (an
    /// object written again between the listing and the GET is read, not kept).
    public func get(_ client: S3Client, bucket: String, key: String, version: ObjectVersion, range: S3Range)
        throws(DataError) -> S3Bytes
    {
        if let hit = bytes(bucket: bucket, key: key, version: version, range: range) { return hit }
        let got = try client.fetch(bucket: bucket, key: key, range: range)
        if Int64(got.size) == version.size, version.matches(etag: got.etag) {
            store(got, bucket: bucket, key: key, version: version, range: range)
        }
        return got
    }

    /// The entry's key: every part length-prefixed, so no two keys read alike.
    static func entryKey(bucket: String, key: String, version: ObjectVersion, range: S3Range) -> [UInt8] {
        let r: String
        switch range {
        case .whole: r = "whole"
        case .suffix(let n): r = "suffix \(n)"
        case .bytes(let offset, let count): r = "bytes \(offset) \(count)"
        }
        var text = "eventtop object range\n"
        for part in [bucket, key, String(version.size), version.etag, r] { text += "\(part.utf8.count):\(part)\n" }
        return Array(text.utf8)
    }

    /// An entry's file name: two FNV-1a hashes of its key (128 bits, hex). The name only finds
    /// the entry; the key inside it decides.
    static func fileName(_ key: [UInt8]) -> String {
        func fnv(_ basis: UInt64) -> UInt64 {
            var h = basis
            for b in key { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
            return h
        }
        func hex(_ v: UInt64) -> String {
            let s = String(v, radix: 16)
            return String(repeating: "0", count: 16 - s.count) + s
        }
        return hex(fnv(0xCBF2_9CE4_8422_2325)) + hex(fnv(0x6C62_272E_07BB_0142)) + ".range"
    }

    /// The cached bytes, or nil when there is no entry or it cannot be trusted.
    public func bytes(bucket: String, key: String, version: ObjectVersion, range: S3Range) -> S3Bytes? {
        let entryKey = Self.entryKey(bucket: bucket, key: key, version: version, range: range)
        let path = folder + "/" + Self.fileName(entryKey)
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else { return nil }
        let length = Int(st.st_size)
        guard length >= Self.fixedHeader, Int64(length) <= maxBytes else { return nil }
        guard let file = Self.readAll(fd, length) else { return nil }
        guard let entry = Self.decode(file, key: entryKey) else { return nil }
        guard entry.objectSize == version.size, entry.objectSize <= Int64(Int.max) else { return nil }
        // A hit is a use: the entry's time orders eviction (least recently used first). A cache
        // that cannot be written still serves what it holds.
        _ = futimens(fd, nil)
        return S3Bytes(bytes: entry.payload, size: Int(entry.objectSize), etag: version.etag)
    }

    /// Exactly `length` bytes from the start of `fd`, or nil when it holds another length.
    private static func readAll(_ fd: Int32, _ length: Int) -> [UInt8]? {
        var out = [UInt8](repeating: 0, count: length)
        var done = 0
        let ok = out.withUnsafeMutableBytes { raw -> Bool in
            while done < length {
                // SAFETY: done < length == raw.count, so the pointer and count stay inside `raw`.
                let n = pread(fd, raw.baseAddress! + done, length - done, off_t(done))
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else { return false }
                done += n
            }
            return true
        }
        return ok ? out : nil
    }

    /// An entry's layout (little-endian): magic (8 bytes), key length (UInt32), payload length
    /// (UInt64), object size (UInt64), the payload's CRC-32C (UInt32), the key, the payload.
    static func encode(key: [UInt8], objectSize: Int, payload: [UInt8]) -> [UInt8] {
        var out = magic
        out.reserveCapacity(fixedHeader + key.count + payload.count)
        func put<T: FixedWidthInteger>(_ v: T) { withUnsafeBytes(of: v.littleEndian) { out.append(contentsOf: $0) } }
        put(UInt32(truncatingIfNeeded: key.count))
        put(UInt64(payload.count))
        put(UInt64(objectSize))
        put(payload.withUnsafeBytes { CRC32C.checksum($0) })
        out += key
        out += payload
        return out
    }

    /// The entry in `file` when it is whole and holds `key`; nil for anything else.
    static func decode(_ file: [UInt8], key: [UInt8]) -> (objectSize: Int64, payload: [UInt8])? {
        guard file.count >= fixedHeader, Array(file[0..<8]) == magic else { return nil }
        func get(_ at: Int, _ width: Int) -> UInt64 {
            var v: UInt64 = 0
            for i in (0..<width).reversed() { v = v << 8 | UInt64(file[at + i]) }
            return v
        }
        let keyLength = get(8, 4), payloadLength = get(12, 8), objectSize = get(20, 8), crc = UInt32(get(28, 4))
        // Lengths from the file are checked against the file's own length before any arithmetic.
        let room = UInt64(file.count - fixedHeader)
        guard keyLength == UInt64(key.count), keyLength <= room, payloadLength == room - keyLength,
              objectSize <= UInt64(Int64.max), payloadLength <= objectSize
        else { return nil }
        let keyStart = fixedHeader, payloadStart = fixedHeader + Int(keyLength)
        guard file[keyStart..<payloadStart].elementsEqual(key) else { return nil }
        let payload = Array(file[payloadStart...])
        guard payload.withUnsafeBytes({ CRC32C.checksum($0) }) == crc else { return nil }
        return (Int64(objectSize), payload)
    }

    // MARK: writing

    /// Keeps `got` as the entry of `range` of the object `version`. A failure to write is the
    /// cache's warning (once), never an error.
    public func store(_ got: S3Bytes, bucket: String, key: String, version: ObjectVersion, range: S3Range) {
        let entryKey = Self.entryKey(bucket: bucket, key: key, version: version, range: range)
        // An entry over a quarter of the bound would push out most others: not kept.
        guard Int64(Self.fixedHeader + entryKey.count + got.bytes.count) <= maxBytes / 4 else { return }
        guard let serial = state.withLock({ s -> UInt64? in
            guard s.writable else { return nil }
            s.serial += 1
            return s.serial
        }) else { return }
        let entry = Self.encode(key: entryKey, objectSize: got.size, payload: got.bytes)
        let name = Self.fileName(entryKey)
        do throws(CacheFailure) {
            try makeFolders()
            let temporary = folder + "/.tmp-\(getpid())-\(serial)-" + name
            try Self.writeFile(entry, to: temporary)
            guard rename(temporary, folder + "/" + name) == 0 else {
                let failure = CacheFailure(folder + "/" + name, DataError.systemReason)
                unlink(temporary)
                throw failure
            }
        } catch {
            failed(error)
            return
        }
        let over = state.withLock { s -> Bool in
            if let used = s.used { s.used = used + Int64(entry.count) }
            guard !s.evicting, (s.used ?? Int64.max) > maxBytes else { return false }
            s.evicting = true
            return true
        }
        if over { evict() }
    }

    private struct CacheFailure: Error {
        var path: String
        var reason: String
        init(_ path: String, _ reason: String) {
            self.path = path
            self.reason = reason
        }
    }

    private func failed(_ failure: CacheFailure) {
        state.withLock { s in
            s.writable = false
            if s.warning == nil {
                s.warning = "object cache \(folder): cannot write \(failure.path): \(failure.reason): "
                    + "objects are read from the store only"
            }
        }
    }

    /// The cache folder and any missing folders above it, each 0700.
    private func makeFolders() throws(CacheFailure) {
        var st = stat()
        if stat(folder, &st) == 0 {
            guard (st.st_mode & S_IFMT) == S_IFDIR else { throw CacheFailure(folder, "not a folder") }
            return
        }
        var path = folder.hasPrefix("/") ? "" : "."
        for part in folder.split(separator: "/") {
            path += "/" + part
            if mkdir(path, 0o700) != 0 && errno != EEXIST { throw CacheFailure(path, DataError.systemReason) }
        }
        guard stat(folder, &st) == 0, (st.st_mode & S_IFMT) == S_IFDIR else {
            throw CacheFailure(folder, "not a folder")
        }
    }

    /// Writes `bytes` into a new file at `path` (0600); removes it again on failure.
    private static func writeFile(_ bytes: [UInt8], to path: String) throws(CacheFailure) {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw CacheFailure(path, DataError.systemReason) }
        var reason: String?
        bytes.withUnsafeBytes { raw in
            var done = 0
            while done < raw.count {
                // SAFETY: done < raw.count, so the pointer and count stay inside `raw`.
                let n = write(fd, raw.baseAddress! + done, raw.count - done)
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else {
                    reason = n < 0 ? DataError.systemReason : "nothing written"
                    return
                }
                done += n
            }
        }
        if close(fd) != 0, reason == nil { reason = DataError.systemReason }
        if let reason {
            unlink(path)
            throw CacheFailure(path, reason)
        }
    }

    // MARK: eviction

    /// Counts the folder and removes the least recently used entries until it holds at most
    /// three quarters of `maxBytes` (so that eviction is not run again at every entry), and
    /// temporary files a dead process left. Entries another process removed meanwhile are
    /// simply gone.
    private func evict() {
        var entries: [(path: String, size: Int64, used: Int)] = []
        var total: Int64 = 0
        if let dir = opendir(folder) {
            while let entry = readdir(dir) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) {
                    String(cString: $0.bindMemory(to: CChar.self).baseAddress!)
                }
                let path = folder + "/" + name
                var st = stat()
                guard lstat(path, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else { continue }
                if name.hasPrefix(".tmp-") {
                    if Int(time(nil)) - Int(st.st_mtim.tv_sec) > Self.staleTemporarySeconds { unlink(path) }
                    continue
                }
                guard name.hasSuffix(".range") else { continue }  // not ours: left alone
                entries.append((path, Int64(st.st_size), Int(st.st_mtim.tv_sec) &* 1_000_000_000 &+ Int(st.st_mtim.tv_nsec)))
                total += Int64(st.st_size)
            }
            closedir(dir)
        }
        let low = maxBytes / 4 * 3
        if total > maxBytes {
            entries.sort { $0.used < $1.used }
            for entry in entries {
                guard total > low else { break }
                unlink(entry.path)  // ENOENT: another process removed it first
                total -= entry.size
            }
        }
        state.withLock { s in
            s.used = total
            s.evicting = false
        }
    }
}

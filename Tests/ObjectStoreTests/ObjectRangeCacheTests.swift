#if canImport(Glibc)
import Glibc
#endif
import Dispatch
import EventModel
import Synchronization
import Testing
@testable import ObjectStore

/// The object cache on its own (no store): what it keeps is found again only for the same
/// object version and range, what it finds is exactly what was kept, anything damaged on disk is
/// a miss, the folder stays under its bound, and a folder that cannot be written is a warning.
/// Reading through it from moto's S3 server is tested in Tests/oracle/test_object_storage.py.
@Suite struct ObjectRangeCacheTests {
    /// A fresh folder under /tmp, removed at the end of the test.
    final class Folder {
        let path: String
        init() {
            var template = Array("/tmp/eventtop-cache-test.XXXXXX".utf8CString)
            path = template.withUnsafeMutableBufferPointer { String(cString: mkdtemp($0.baseAddress!)!) }
        }
        deinit {
            var dir = opendir(path)
            while let d = dir, let e = readdir(d) {
                let name = withUnsafeBytes(of: e.pointee.d_name) { String(cString: $0.bindMemory(to: CChar.self).baseAddress!) }
                if name != "." && name != ".." { unlink(path + "/" + name) }
            }
            if let d = dir { closedir(d) }
            dir = nil
            rmdir(path + "/objects")
            rmdir(path)
        }
        var entries: [String] {
            guard let d = opendir(path) else { return [] }
            defer { closedir(d) }
            var out: [String] = []
            while let e = readdir(d) {
                let name = withUnsafeBytes(of: e.pointee.d_name) { String(cString: $0.bindMemory(to: CChar.self).baseAddress!) }
                if name.hasSuffix(".range") { out.append(name) }
            }
            return out
        }
        var bytes: Int {
            entries.reduce(0) { total, name in
                var st = stat()
                return total + (stat(path + "/" + name, &st) == 0 ? Int(st.st_size) : 0)
            }
        }
    }

    static let v1 = ObjectVersion(size: 100_000, etag: "\"aaaa\"")

    static func payload(_ n: Int, seed: UInt8) -> [UInt8] { (0..<n).map { UInt8(truncatingIfNeeded: $0 &* 31) &+ seed } }

    static func keep(_ cache: ObjectRangeCache, _ bytes: [UInt8], key: String = "f/date=2026-06-01/part-0.parquet",
                     version: ObjectVersion = v1, range: S3Range = .suffix(65536)) {
        cache.store(S3Bytes(bytes: bytes, size: Int(version.size), etag: version.etag), bucket: "b1", key: key,
                    version: version, range: range)
    }

    static func find(_ cache: ObjectRangeCache, key: String = "f/date=2026-06-01/part-0.parquet",
                     version: ObjectVersion = v1, range: S3Range = .suffix(65536)) -> S3Bytes? {
        cache.bytes(bucket: "b1", key: key, version: version, range: range)
    }

    @Test func hitAndMiss() {
        let dir = Folder()
        let cache = ObjectRangeCache(folder: dir.path)
        #expect(Self.find(cache) == nil)
        let bytes = Self.payload(1000, seed: 1)
        Self.keep(cache, bytes)
        let hit = Self.find(cache)
        #expect(Self.same(hit, bytes))
        #expect(hit?.size == 100_000)
        // Another range, key or bucket is another entry.
        #expect(Self.find(cache, range: .suffix(1000)) == nil)
        #expect(Self.find(cache, range: .bytes(offset: 0, count: 1000)) == nil)
        #expect(Self.find(cache, key: "f/date=2026-06-02/part-0.parquet") == nil)
        #expect(cache.bytes(bucket: "b2", key: "f/date=2026-06-01/part-0.parquet", version: Self.v1, range: .suffix(65536)) == nil)
        // Another process (another cache on the same folder) finds it too.
        #expect(Self.same(Self.find(ObjectRangeCache(folder: dir.path)), bytes))
        #expect(cache.warning == nil)
        // Files 0600.
        var st = stat()
        #expect(stat(dir.path + "/" + dir.entries[0], &st) == 0 && st.st_mode & 0o777 == 0o600)
    }

    @Test func anotherETagOrSizeIsAMiss() {
        let dir = Folder()
        let cache = ObjectRangeCache(folder: dir.path)
        Self.keep(cache, Self.payload(1000, seed: 1))
        #expect(Self.find(cache, version: ObjectVersion(size: 100_000, etag: "\"bbbb\"")) == nil)
        #expect(Self.find(cache, version: ObjectVersion(size: 100_001, etag: "\"aaaa\"")) == nil)
        // The rewritten object's bytes are kept beside the old ones, each found by its version.
        let v2 = ObjectVersion(size: 100_000, etag: "\"bbbb\"")
        Self.keep(cache, Self.payload(1000, seed: 2), version: v2)
        #expect(Self.same(Self.find(cache, version: v2), Self.payload(1000, seed: 2)))
        #expect(Self.same(Self.find(cache), Self.payload(1000, seed: 1)))
    }

    @Test func etagsMatchAsideFromQuotes() {
        #expect(Self.v1.matches(etag: "\"aaaa\""))
        #expect(Self.v1.matches(etag: "aaaa"))
        #expect(Self.v1.matches(etag: "W/\"aaaa\""))
        #expect(!Self.v1.matches(etag: "\"aaab\""))
        #expect(!Self.v1.matches(etag: nil))
        #expect(!ObjectVersion(size: 1, etag: "").matches(etag: ""))
    }

    /// Every way an entry can be damaged is a miss, never a crash nor wrong bytes; writing it
    /// again repairs it.
    @Test func damagedEntriesAreMisses() throws {
        let dir = Folder()
        let cache = ObjectRangeCache(folder: dir.path)
        let bytes = Self.payload(3000, seed: 7)
        Self.keep(cache, bytes)
        let path = dir.path + "/" + (try #require(dir.entries.first))
        let good = try #require(Self.read(path))
        var damaged: [[UInt8]] = []
        var flipped = good
        flipped[flipped.count - 10] ^= 0x40  // a payload byte
        damaged.append(flipped)
        damaged.append(Array(good.dropLast(1)))  // cut short
        damaged.append(good + [0])  // a byte too many
        damaged.append(Array(good.prefix(ObjectRangeCache.fixedHeader - 1)))
        damaged.append([])
        var otherKey = good
        otherKey[ObjectRangeCache.fixedHeader + 3] ^= 1  // the key inside does not match
        damaged.append(otherKey)
        for (at, width) in [(8, 4), (12, 8), (20, 8)] {  // huge lengths and sizes
            var huge = good
            for i in at..<(at + width) { huge[i] = 0xFF }
            damaged.append(huge)
        }
        var badMagic = good
        badMagic[0] = UInt8(ascii: "X")
        damaged.append(badMagic)
        for bad in damaged {
            Self.write(bad, path)
            #expect(Self.find(cache) == nil)
        }
        // A folder where the entry should be: a miss too.
        unlink(path)
        mkdir(path, 0o700)
        #expect(Self.find(cache) == nil)
        rmdir(path)
        Self.keep(cache, bytes)
        #expect(Self.same(Self.find(cache), bytes))
    }

    /// The folder stays under the bound, dropping the least recently used entries first (a hit
    /// is a use).
    @Test func evictionKeepsUnderTheBound() {
        let dir = Folder()
        let bound: Int64 = 64 << 10
        let cache = ObjectRangeCache(folder: dir.path, maxBytes: bound)
        let size = 4000
        func key(_ i: Int) -> String { "f/date=2026-06-\(i)/part-0.parquet" }
        for i in 0..<10 { Self.keep(cache, Self.payload(size, seed: UInt8(i)), key: key(i)) }
        #expect(dir.entries.count == 10)
        usleep(20_000)
        #expect(Self.same(Self.find(cache, key: key(0)), Self.payload(size, seed: 0)))  // a use: now the most recent
        usleep(20_000)
        for i in 10..<60 {
            Self.keep(cache, Self.payload(size, seed: UInt8(i)), key: key(i))
            #expect(Int64(dir.bytes) <= bound)
        }
        #expect(Self.find(cache, key: key(1)) == nil)  // the oldest not used again: gone
        #expect(Self.same(Self.find(cache, key: key(59)), Self.payload(size, seed: 59)))
        #expect(dir.entries.count >= 10)
        // Entry 0 was used after 1…9 were written: it outlives them.
        #expect(Self.find(cache, key: key(9)) == nil || Self.find(cache, key: key(0)) != nil)
        // An entry over a quarter of the bound is not kept at all.
        Self.keep(cache, Self.payload(Int(bound / 4), seed: 1), key: "big")
        #expect(Self.find(cache, key: "big") == nil)
        #expect(cache.warning == nil)
    }

    /// A folder that cannot be made: one warning naming it, nothing thrown, nothing kept; the
    /// cache then stops trying.
    @Test func unwritableFolderIsOneWarning() throws {
        let dir = Folder()
        let file = dir.path + "/objects"
        Self.write([1, 2, 3], file)  // a file where a folder would go (root ignores modes, not this)
        defer { unlink(file) }
        let cache = ObjectRangeCache(folder: file + "/cache")
        Self.keep(cache, Self.payload(100, seed: 1))
        Self.keep(cache, Self.payload(100, seed: 2), key: "other")
        #expect(Self.find(cache) == nil)
        let warning = try #require(cache.warning)
        #expect(warning.hasPrefix("object cache \(file)/cache: cannot write \(file)/cache"))
        #expect(warning.hasSuffix("objects are read from the store only") && !warning.contains("\n"))
    }

    /// Several threads (as several processes would) writing and reading the same entries in a
    /// small folder that is evicted all along: every hit is exactly what was kept.
    @Test func concurrentWritersNeverServeDamagedBytes() {
        let dir = Folder()
        let caches = (0..<4).map { _ in ObjectRangeCache(folder: dir.path, maxBytes: 40 << 10) }
        let wrong = Mutex(0)
        DispatchQueue.concurrentPerform(iterations: 4) { t in
            for round in 0..<200 {
                let i = (round * 7 + t) % 30
                let key = "k\(i)"
                let want = Self.payload(2000 + i, seed: UInt8(i))
                if let hit = Self.find(caches[t], key: key) {
                    if hit.bytes != want { wrong.withLock { $0 += 1 } }
                } else {
                    Self.keep(caches[t], want, key: key)
                }
            }
        }
        #expect(wrong.withLock { $0 } == 0)
        #expect(caches.allSatisfy { $0.warning == nil })
        // Each process counts the folder when it evicts, plus what it wrote since: the others'
        // writes meanwhile can overshoot the bound until the next count.
        #expect(dir.bytes <= 80 << 10)
    }

    @Test func settingsFromTheEnvironment() {
        #expect(ObjectRangeCache.fromEnvironment(["EVENTTOP_S3_CACHE": "off", "HOME": "/home/u"]) == nil)
        #expect(ObjectRangeCache.fromEnvironment(["EVENTTOP_S3_CACHE": "/tmp/c", "HOME": "/home/u"])?.folder == "/tmp/c")
        let xdg = ObjectRangeCache.fromEnvironment(["XDG_CACHE_HOME": "/x/cache/", "HOME": "/home/u"])
        #expect(xdg?.folder == "/x/cache/eventtop/objects" && xdg?.maxBytes == 256 << 20)
        #expect(ObjectRangeCache.fromEnvironment(["XDG_CACHE_HOME": "rel", "HOME": "/home/u"])?.folder == "/home/u/.cache/eventtop/objects")
        #expect(ObjectRangeCache.fromEnvironment([:]) == nil)
        #expect(ObjectRangeCache.fromEnvironment(["HOME": "/h", "EVENTTOP_S3_CACHE_MB": "16"])?.maxBytes == 16 << 20)
        let bad = ObjectRangeCache.fromEnvironment(["HOME": "/h", "EVENTTOP_S3_CACHE_MB": "lots"])
        #expect(bad?.maxBytes == 256 << 20 && bad?.warning?.contains("EVENTTOP_S3_CACHE_MB=lots") == true)
    }

    /// Whether a hit holds exactly `bytes` (a Bool, so a failure does not print both arrays).
    static func same(_ hit: S3Bytes?, _ bytes: [UInt8]) -> Bool { hit?.bytes == bytes }

    static func read(_ path: String) -> [UInt8]? {
        guard let f = fopen(path, "rb") else { return nil }
        defer { fclose(f) }
        var out: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = fread(&buffer, 1, buffer.count, f)
            if n == 0 { break }
            out += buffer[0..<n]
        }
        return out
    }

    static func write(_ bytes: [UInt8], _ path: String) {
        let f = fopen(path, "wb")!
        _ = bytes.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, f) }
        fclose(f)
    }
}

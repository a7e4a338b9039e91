#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A query's tenant names in the reports' order (UTF-8 byte order, the null tenant last), in
/// one arena: a report's tenant is its rank here, so sorting rows by tenant is sorting ranks.
public struct RankedTenants: Sendable {
    private var arena: [UInt8] = []
    /// Name `r` is `arena[offsets[r]..<offsets[r + 1]]`.
    private var offsets: [Int] = [0]
    /// The null tenant is among the ranks (the last one).
    public private(set) var hasNull = false

    public init() {}

    /// The distinct names given, ranked (the null tenant always has the last rank).
    public init(_ names: [String?]) {
        var table = TenantNames()
        for case var name? in names { _ = name.withUTF8 { table.id(UnsafeRawBufferPointer($0)) } }
        self = Self.ranking([table]).tenants
    }

    /// Ranks, the null tenant's included.
    public var count: Int { offsets.count - 1 }

    public func isNull(_ rank: UInt32) -> Bool { hasNull && Int(rank) == count - 1 }

    /// The name of a rank (nil for the null tenant).
    public func name(_ rank: UInt32) -> String? {
        isNull(rank) ? nil : String(decoding: arena[offsets[Int(rank)]..<offsets[Int(rank) + 1]], as: UTF8.self)
    }

    /// Calls `body` with the bytes of a rank's name (empty for the null tenant).
    public func withName<R>(_ rank: UInt32, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        let lo = offsets[Int(rank)], hi = offsets[Int(rank) + 1]
        return try arena.withUnsafeBytes { try body(UnsafeRawBufferPointer(rebasing: $0[lo..<hi])) }
    }

    /// The rank of a (non-null) name, by binary search.
    public func rank(of name: String) -> UInt32? {
        var name = name
        return name.withUTF8 { key in
            var lo = 0, hi = count - (hasNull ? 1 : 0)
            while lo < hi {
                let mid = (lo + hi) / 2
                let c = withName(UInt32(mid)) { Self.compare($0, UnsafeRawBufferPointer(key)) }
                if c == 0 { return UInt32(mid) }
                if c < 0 { lo = mid + 1 } else { hi = mid }
            }
            return nil
        }
    }

    /// memcmp order, a prefix first.
    static func compare(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Int {
        let n = min(a.count, b.count)
        let c = n == 0 ? 0 : Int(memcmp(a.baseAddress!, b.baseAddress!, n))
        return c != 0 ? c : a.count - b.count
    }

    /// Ranks the names of several decoding threads: for each thread, its ids' ranks
    /// (`TenantNames` ids, 0 being the null tenant).
    static func ranking(_ threads: [TenantNames]) -> (tenants: RankedTenants, ranks: [[UInt32]]) {
        // One id space over every thread's names (each distinct name hashed once a thread).
        var all = TenantNames()
        var global: [[UInt32]] = []
        for names in threads {
            var map = [UInt32](repeating: TenantNames.null, count: names.count)
            for id in 1..<max(1, names.count) {
                map[id] = names.bytes(UInt32(id)).withUnsafeBytes { all.id($0) }
            }
            global.append(map)
        }
        // Sort the distinct names once (the null tenant, id 0, goes last when used).
        var order = Array(1..<UInt32(max(1, all.count)))
        var bytes: [UInt8] = []
        var starts: [Int] = [0]
        for id in 0..<all.count {
            bytes.append(contentsOf: all.bytes(UInt32(id)))
            starts.append(bytes.count)
        }
        bytes.withUnsafeBytes { raw in
            order.sort { a, b in
                compare(UnsafeRawBufferPointer(rebasing: raw[starts[Int(a)]..<starts[Int(a) + 1]]),
                        UnsafeRawBufferPointer(rebasing: raw[starts[Int(b)]..<starts[Int(b) + 1]])) < 0
            }
        }
        var tenants = RankedTenants()
        var rankOf = [UInt32](repeating: 0, count: max(1, all.count))
        tenants.arena.reserveCapacity(bytes.count)
        for (rank, id) in order.enumerated() {
            rankOf[Int(id)] = UInt32(rank)
            tenants.arena.append(contentsOf: bytes[starts[Int(id)]..<starts[Int(id) + 1]])
            tenants.offsets.append(tenants.arena.count)
        }
        // The null tenant always has a rank (the last): unused ranks cost nothing.
        rankOf[0] = UInt32(order.count)
        tenants.offsets.append(tenants.arena.count)
        tenants.hasNull = true
        return (tenants, global.map { $0.map { rankOf[Int($0)] } })
    }
}

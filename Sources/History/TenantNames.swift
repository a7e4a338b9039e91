import EventModel

/// Tenant names as dense ids, each name's bytes hashed once: id 0 is the null tenant, the
/// interner's name k is id k + 1. The decoders name each dictionary entry once per file and
/// then work on ids, never on per-row strings.
struct TenantNames {
    private(set) var interner = ByteStringInterner(capacity: 1024)

    /// Ids in use, the null tenant's included.
    var count: Int { interner.count + 1 }

    static let null: UInt32 = 0

    /// The id of a name, adding it when new.
    mutating func id(_ name: UnsafeRawBufferPointer) -> UInt32 {
        if name.isEmpty {
            // The interner needs a base address, which an empty buffer may lack.
            return withUnsafeBytes(of: UInt8(0)) { one in
                UInt32(interner.intern(UnsafeBufferPointer(start: one.bindMemory(to: UInt8.self).baseAddress, count: 0)).id + 1)
            }
        }
        return UInt32(interner.intern(name.bindMemory(to: UInt8.self)).id + 1)
    }

    /// The name of an id (nil for the null tenant).
    func name(_ id: UInt32) -> String? { id == Self.null ? nil : interner.string(Int(id) - 1) }

    /// The bytes of a name (empty for the null tenant).
    func bytes(_ id: UInt32) -> ArraySlice<UInt8> { id == Self.null ? [] : interner.bytes(Int(id) - 1) }
}

// SAFETY: TenantNames is a value: the interner holds only arrays and integers, copied on
// write, so a copy handed to another thread shares no mutable state.
extension TenantNames: @unchecked Sendable {}

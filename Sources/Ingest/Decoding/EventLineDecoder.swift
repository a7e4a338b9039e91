#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import EventModel

/// Decodes one NDJSON line into a `RawEvent`, on raw bytes (no Foundation JSON): field order
/// free, unknown fields skipped whatever they hold, duplicate keys last-wins, strict JSON and
/// UTF-8. See Tests/oracle/SEMANTICS.md for the exact rules.
public struct EventLineDecoder {
    /// Longest accepted tenant_id, event_type and session_id, in bytes.
    public static let maxNameBytes = 256
    /// Room for one unescaped field: names up to 256 bytes, timestamps far shorter.
    static let scratchCapacity = 512

    private let storage: ScratchStorage
    private var stack: [Bool] = []
    private var minuteCache = Timestamp.MinuteCache()

    public init() {
        storage = ScratchStorage(fields: Field.count, capacity: Self.scratchCapacity)
    }

    /// Where a known field's last value sits in the line.
    private struct Slot {
        enum Kind: UInt8 { case absent, string, number, null, other }
        var kind = Kind.absent
        var start = 0
        var end = 0
        var escaped = false
    }

    private enum Field: Int {
        case tenant, eventType, ts, timestamp, eventTs, session
        static let count = 6
    }

    @inline(__always)
    private static func field(_ p: UnsafePointer<UInt8>, _ start: Int, _ len: Int) -> Field? {
        @inline(__always) func equals(_ s: StaticString) -> Bool {
            s.utf8CodeUnitCount == len && memcmp(p + start, s.utf8Start, len) == 0
        }
        switch len {
        case 2: return equals("ts") ? .ts : nil
        case 8: return equals("event_ts") ? .eventTs : nil
        case 9: return equals("tenant_id") ? .tenant : equals("timestamp") ? .timestamp : nil
        case 10: return equals("event_type") ? .eventType : equals("session_id") ? .session : nil
        default: return nil
        }
    }

    /// The known keys spelled plainly, recognised from two 8-byte loads (little-endian) with
    /// their closing quote; returns the field and the index after the quote.
    @inline(__always)
    private static func knownKey(_ p: UnsafePointer<UInt8>, _ k: Int, _ n: Int) -> (Field, Int)? {
        guard k + 16 <= n else { return nil }
        // SAFETY: k + 16 <= n, so both loads stay inside the line.
        let w0 = UnsafeRawPointer(p + k).loadUnaligned(as: UInt64.self)
        let w1 = UnsafeRawPointer(p + k + 8).loadUnaligned(as: UInt64.self)
        if w0 & 0xFF_FFFF == 0x22_7374 { return (.ts, k + 3) }  // ts"
        switch w0 {
        case 0x695F_746E_616E_6574:  // tenant_i
            return w1 & 0xFFFF == 0x2264 ? (.tenant, k + 10) : nil  // d"
        case 0x7974_5F74_6E65_7665:  // event_ty
            return w1 & 0xFF_FFFF == 0x22_6570 ? (.eventType, k + 11) : nil  // pe"
        case 0x5F6E_6F69_7373_6573:  // session_
            return w1 & 0xFF_FFFF == 0x22_6469 ? (.session, k + 11) : nil  // id"
        case 0x6D61_7473_656D_6974:  // timestam
            return w1 & 0xFFFF == 0x2270 ? (.timestamp, k + 10) : nil  // p"
        case 0x7374_5F74_6E65_7665:  // event_ts
            return w1 & 0xFF == 0x22 ? (.eventTs, k + 9) : nil  // "
        default:
            return nil
        }
    }

    /// Decodes one line (without its `\n`).
    public mutating func decode(_ p: UnsafePointer<UInt8>, count n: Int) -> LineOutcome {
        typealias J = JSONScanning
        var tenant = Slot(), eventType = Slot(), ts = Slot(), timestamp = Slot()
        var eventTs = Slot(), session = Slot()

        var i = J.skipWhitespace(p, 0, n)
        if i == n { return .blank }
        scan: do {
            guard J.at(p, i, n) == 0x7B else { break scan }
            i = J.skipWhitespace(p, i + 1, n)
            if J.at(p, i, n) == 0x7D {
                i += 1
            } else {
                while true {
                    guard J.at(p, i, n) == 0x22 else { break scan }
                    let keyStart = i + 1
                    let field: Field?
                    if let (known, end) = Self.knownKey(p, keyStart, n) {
                        field = known
                        i = end
                    } else {
                        var keyEscaped = false
                        i = J.scanString(p, keyStart, n, escaped: &keyEscaped)
                        if i < 0 { break scan }
                        field = keyEscaped
                            ? escapedKeyField(p, keyStart, i - 1)
                            : Self.field(p, keyStart, i - 1 - keyStart)
                    }
                    i = J.skipWhitespace(p, i, n)
                    guard J.at(p, i, n) == 0x3A else { break scan }
                    i = J.skipWhitespace(p, i + 1, n)
                    if let field {
                        var slot = Slot()
                        slot.start = i
                        switch J.at(p, i, n) {
                        case 0x22:
                            slot.kind = .string
                            slot.start = i + 1
                            i = J.scanString(p, i + 1, n, escaped: &slot.escaped)
                            slot.end = i - 1
                        case 0x2D, 0x30...0x39:
                            slot.kind = .number
                            i = J.scanNumber(p, i, n)
                            slot.end = i
                        case 0x6E:
                            slot.kind = .null
                            i = J.scanLiteral(p, i, n)
                        default:
                            slot.kind = .other
                            i = J.skipValue(p, i, n, stack: &stack)
                        }
                        switch field {
                        case .tenant: tenant = slot
                        case .eventType: eventType = slot
                        case .ts: ts = slot
                        case .timestamp: timestamp = slot
                        case .eventTs: eventTs = slot
                        case .session: session = slot
                        }
                    } else {
                        i = J.skipValue(p, i, n, stack: &stack)
                    }
                    if i < 0 { break scan }
                    i = J.skipWhitespace(p, i, n)
                    let b = J.at(p, i, n)
                    if b == 0x2C {
                        i = J.skipWhitespace(p, i + 1, n)
                        continue
                    }
                    guard b == 0x7D else { break scan }
                    i += 1
                    break
                }
            }
            i = J.skipWhitespace(p, i, n)
            guard i == n else { break scan }
            return fields(p, tenant: tenant, eventType: eventType,
                          ts: ts.kind != .absent ? ts : timestamp.kind != .absent ? timestamp : eventTs,
                          session: session)
        }
        // Not valid JSON: the line is rejected as invalid UTF-8 when its bytes are.
        return .rejected(UTF8Validation.isValid(p, count: n) ? .invalidJSON : .invalidUTF8)
    }

    /// The known field named by an escaped key (`"t\u0073"` is `ts`), if any.
    private func escapedKeyField(_ p: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Field? {
        let key = storage.keyScratch
        let len = JSONScanning.unescape(p, start, end, into: key, capacity: ScratchStorage.keyCapacity)
        guard len > 0, len <= ScratchStorage.keyCapacity else { return nil }
        return Self.field(UnsafePointer(key), 0, len)
    }

    /// A string slot's bytes, unescaped into the field's scratch when needed; nil for a lone
    /// surrogate. The count may exceed what was written when the value is over capacity.
    private func bytes(_ p: UnsafePointer<UInt8>, _ slot: Slot, _ field: Field) -> (UnsafePointer<UInt8>, Int)? {
        guard slot.escaped else { return (p + slot.start, slot.end - slot.start) }
        let dst = storage.scratch(field.rawValue)
        let len = JSONScanning.unescape(p, slot.start, slot.end, into: dst, capacity: Self.scratchCapacity)
        return len < 0 ? nil : (UnsafePointer(dst), len)
    }

    /// The field checks, once the line is known to be one valid JSON object.
    private mutating func fields(_ p: UnsafePointer<UInt8>, tenant: Slot, eventType: Slot, ts: Slot, session: Slot)
        -> LineOutcome
    {
        // Lone surrogates in any known string make the line invalid JSON (checked first).
        let empty = (UnsafePointer<UInt8>(bitPattern: 1)!, 0)
        var tenantValue = empty, typeValue = empty, tsValue = empty, sessionValue = empty
        if tenant.kind == .string {
            guard let v = bytes(p, tenant, .tenant) else { return .rejected(.invalidJSON) }
            tenantValue = v
        }
        if eventType.kind == .string {
            guard let v = bytes(p, eventType, .eventType) else { return .rejected(.invalidJSON) }
            typeValue = v
        }
        if ts.kind == .string {
            guard let v = bytes(p, ts, .ts) else { return .rejected(.invalidJSON) }
            tsValue = v
        }
        if session.kind == .string {
            guard let v = bytes(p, session, .session) else { return .rejected(.invalidJSON) }
            sessionValue = v
        }
        // Field by field: tenant_id (missing, then bad), event_type, timestamp, session_id.
        if tenant.kind == .absent { return .rejected(.missingField) }
        guard tenant.kind == .string, tenantValue.1 >= 1, tenantValue.1 <= Self.maxNameBytes else {
            return .rejected(.badField)
        }
        if eventType.kind == .absent { return .rejected(.missingField) }
        guard eventType.kind == .string, typeValue.1 >= 1, typeValue.1 <= Self.maxNameBytes else {
            return .rejected(.badField)
        }
        if ts.kind == .absent { return .rejected(.missingField) }
        let nanos: Int64?
        switch ts.kind {
        case .string:
            nanos = tsValue.1 <= Self.scratchCapacity ? Timestamp.parseRFC3339(tsValue.0, count: tsValue.1, cache: &minuteCache) : nil
        case .number:
            nanos = Timestamp.parseEpochNumber(p + ts.start, count: ts.end - ts.start)
        default:
            nanos = nil
        }
        guard let nanos else { return .rejected(.badTimestamp) }
        switch session.kind {
        case .absent, .null:
            sessionValue = empty
        case .string:
            guard sessionValue.1 <= Self.maxNameBytes else { return .rejected(.badField) }
        case .number, .other:
            return .rejected(.badField)
        }
        return .event(RawEvent(
            tenant: UnsafeBufferPointer(start: tenantValue.0, count: tenantValue.1),
            eventType: UnsafeBufferPointer(start: typeValue.0, count: typeValue.1),
            session: UnsafeBufferPointer(start: sessionValue.0, count: sessionValue.1), ts: nanos))
    }
}

/// Scratch memory for unescaped field values, allocated once per decoder.
final class ScratchStorage {
    static let keyCapacity = 16
    let base: UnsafeMutablePointer<UInt8>
    let capacity: Int
    let keyScratch: UnsafeMutablePointer<UInt8>

    init(fields: Int, capacity: Int) {
        self.capacity = capacity
        base = .allocate(capacity: fields * capacity + Self.keyCapacity)
        keyScratch = base + fields * capacity
    }

    @inline(__always)
    func scratch(_ field: Int) -> UnsafeMutablePointer<UInt8> { base + field * capacity }

    deinit { base.deallocate() }
}

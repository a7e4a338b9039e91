#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import EventModel

/// Turns the slots a scanner filled for one valid JSON line into an event or a reject reason:
/// the field checks of DESIGN §2 and §8, the timestamp in its unit, and the error rules.
struct EventAssembler {
    /// Longest accepted tenant_id, event_type and session_id, in bytes.
    static let maxNameBytes = 256
    /// Room for one unescaped value: names up to 256 bytes, timestamps far shorter.
    static let scratchCapacity = 512

    /// Slots 0–3 are the four fields, 4 and 5 the aliases `timestamp` and `event_ts` of an
    /// unmapped `ts`, then one slot per rule path.
    static let tsAliasSlots = (4, 5)
    static let firstRuleSlot = 6

    let slots: UnsafeMutablePointer<FieldSlot>
    let slotCount: Int
    var keyScratch: UnsafeMutablePointer<UInt8> { storage.keyScratch }
    private let storage: ScratchStorage
    /// The error rules and the slot each reads.
    private let rules: ErrorMatching
    private let tsUnit: EpochUnitChoice
    private var minuteCache = Timestamp.MinuteCache()
    /// Numeric timestamps read under `--ts-unit auto`, by the unit taken.
    var autoUnits = [Int](repeating: 0, count: EpochUnit.allCases.count)

    /// `ruleSlots[k]` is the slot of rule k (a field's slot, or one from `firstRuleSlot` on).
    init(mapping: EventMapping, ruleSlots: [Int], slotCount: Int) {
        self.slotCount = slotCount
        storage = ScratchStorage(fields: slotCount, capacity: Self.scratchCapacity)
        slots = storage.slots
        rules = ErrorMatching(Array(zip(mapping.errorRules, ruleSlots)))
        tsUnit = mapping.tsUnit
    }

    /// Marks every slot absent, before a line is scanned.
    @inline(__always)
    func clear() {
        if slotCount == Self.firstRuleSlot {
            // The default layout's six slots, without a loop.
            slots[0].kind = .absent
            slots[1].kind = .absent
            slots[2].kind = .absent
            slots[3].kind = .absent
            slots[4].kind = .absent
            slots[5].kind = .absent
        } else {
            for s in 0..<slotCount { slots[s].kind = .absent }
        }
    }

    typealias Bytes = (UnsafePointer<UInt8>, Int)
    static var empty: Bytes { (UnsafePointer<UInt8>(bitPattern: 1)!, 0) }

    /// The event, once the line is known to be one valid JSON object.
    @inline(__always)
    mutating func assemble(_ p: UnsafePointer<UInt8>) -> LineOutcome {
        // The common case first: tenant, type, ts and session (or none) plain strings, the ts
        // in RFC 3339 and the error rules on the type's text alone. Anything else, or any
        // check that fails, takes the whole path below, which gives the reason.
        let t = slots[0], y = slots[1], ts = slots[2], s = slots[3]
        if t.kind == .string && y.kind == .string && ts.kind == .string && !(t.escaped || y.escaped || ts.escaped),
           s.kind == .absent || (s.kind == .string && !s.escaped), rules.onlyTypeTexts
        {
            let tenantCount = t.end - t.start, typeCount = y.end - y.start, tsCount = ts.end - ts.start
            let sessionCount = s.kind == .string ? s.end - s.start : 0
            if tenantCount >= 1, tenantCount <= Self.maxNameBytes, typeCount >= 1, typeCount <= Self.maxNameBytes,
               sessionCount <= Self.maxNameBytes, tsCount >= 19, p[ts.start + 4] == 0x2D,
               let nanos = Timestamp.parseRFC3339(p + ts.start, count: tsCount, cache: &minuteCache)
            {
                let type = (p + y.start, typeCount)
                return .event(RawEvent(
                    tenant: UnsafeBufferPointer(start: p + t.start, count: tenantCount),
                    eventType: UnsafeBufferPointer(start: type.0, count: typeCount),
                    session: UnsafeBufferPointer(start: s.kind == .string ? p + s.start : Self.empty.0, count: sessionCount),
                    ts: nanos, isError: rules.typeMatches(type)))
            }
        }
        return assembleChecked(p)
    }

    /// Every field checked in order, for every kind and escape: the event or the first reason.
    private mutating func assembleChecked(_ p: UnsafePointer<UInt8>) -> LineOutcome {
        var tsSlot = slots[2]
        if tsSlot.kind == .absent {
            tsSlot = slots[Self.tsAliasSlots.0].kind != .absent ? slots[Self.tsAliasSlots.0] : slots[Self.tsAliasSlots.1]
        }
        // Lone surrogates in any string read make the line invalid JSON (checked first).
        var tenant = Self.empty, type = Self.empty, ts = Self.empty, session = Self.empty
        if slots[0].kind == .string {
            guard let v = bytes(p, slots[0], scratch: 0) else { return .rejected(.invalidJSON) }
            tenant = v
        }
        if slots[1].kind == .string {
            guard let v = bytes(p, slots[1], scratch: 1) else { return .rejected(.invalidJSON) }
            type = v
        }
        if tsSlot.kind == .string {
            guard let v = bytes(p, tsSlot, scratch: 2) else { return .rejected(.invalidJSON) }
            ts = v
        }
        if slots[3].kind == .string {
            guard let v = bytes(p, slots[3], scratch: 3) else { return .rejected(.invalidJSON) }
            session = v
        }
        // Field by field: tenant_id (missing, then bad), event_type, timestamp, session_id.
        if let reason = name(p, slots[0], &tenant) { return .rejected(reason) }
        if let reason = name(p, slots[1], &type) { return .rejected(reason) }
        let nanos: Int64
        var autoUnit: EpochUnit?
        switch tsSlot.kind {
        case .absent:
            return .rejected(.missingField)
        case .string:
            guard ts.1 <= Self.scratchCapacity else { return .rejected(.badTimestamp) }
            if ts.1 >= 19 && ts.0[4] == 0x2D {
                guard let v = Timestamp.parseRFC3339(ts.0, count: ts.1, cache: &minuteCache) else {
                    return .rejected(.badTimestamp)
                }
                nanos = v
            } else {
                guard let v = Timestamp.parseEpoch(ts.0, count: ts.1, unit: tsUnit) else { return .rejected(.badTimestamp) }
                nanos = v.nanos
                autoUnit = v.unit
            }
        case .number:
            guard let v = Timestamp.parseEpoch(p + tsSlot.start, count: tsSlot.end - tsSlot.start, unit: tsUnit) else {
                return .rejected(.badTimestamp)
            }
            nanos = v.nanos
            autoUnit = v.unit
        default:
            return .rejected(.badTimestamp)
        }
        switch slots[3].kind {
        case .absent, .null:
            session = Self.empty
        case .string:
            guard session.1 <= Self.maxNameBytes else { return .rejected(.badField) }
        case .number:
            guard let v = integerText(p, slots[3]), v.1 <= Self.maxNameBytes else { return .rejected(.badField) }
            session = v
        case .literal, .container:
            return .rejected(.badField)
        }
        var isError = false
        if rules.onlyTypeTexts {
            isError = rules.typeMatches(type)
        } else {
            isError = anyRuleHolds(p, tsSlot: tsSlot, fields: (tenant, type, ts, session))
        }
        if let autoUnit, case .auto = tsUnit { autoUnits[autoUnit.rawValue] += 1 }
        return .event(RawEvent(
            tenant: UnsafeBufferPointer(start: tenant.0, count: tenant.1),
            eventType: UnsafeBufferPointer(start: type.0, count: type.1),
            session: UnsafeBufferPointer(start: session.0, count: session.1), ts: nanos, isError: isError))
    }

    /// Whether any error rule holds; `fields` are the four fields as read.
    private func anyRuleHolds(_ p: UnsafePointer<UInt8>, tsSlot: FieldSlot, fields: (Bytes, Bytes, Bytes, Bytes)) -> Bool {
        let (tenant, type, ts, session) = fields
        for k in 0..<rules.rules.count {
            let s = rules.rules[k].slot
            let slot = s == 2 ? tsSlot : slots[s]
            let value: Bytes
            switch slot.kind {
            case .absent, .container:
                continue
            case .string:
                // A field's rule sees the field as read; a string that cannot be decoded (a
                // lone surrogate) matches no rule.
                switch s {
                case 0: value = tenant
                case 1: value = type
                case 2: value = ts
                case 3: value = session
                default:
                    guard let v = bytes(p, slot, scratch: s) else { continue }
                    value = v
                }
            case .number, .literal, .null:
                value = (p + slot.start, slot.end - slot.start)
            }
            if rules.holds(k, kind: slot.kind, value) { return true }
        }
        return false
    }

    /// Checks a tenant or event type: a string of 1 to 256 bytes, or an integer (its text).
    @inline(__always)
    private func name(_ p: UnsafePointer<UInt8>, _ slot: FieldSlot, _ value: inout Bytes) -> RejectReason? {
        switch slot.kind {
        case .absent: return .missingField
        case .string: break
        case .number:
            guard let v = integerText(p, slot) else { return .badField }
            value = v
        default: return .badField
        }
        return value.1 >= 1 && value.1 <= Self.maxNameBytes ? nil : .badField
    }

    /// A number slot's text when it is an integer (`42`, `-7`): tenants, types and sessions
    /// may be integers, used as their decimal text.
    @inline(__always)
    private func integerText(_ p: UnsafePointer<UInt8>, _ slot: FieldSlot) -> (UnsafePointer<UInt8>, Int)? {
        for i in slot.start..<slot.end where p[i] == 0x2E || p[i] | 0x20 == 0x65 { return nil }
        return (p + slot.start, slot.end - slot.start)
    }

    /// A string slot's bytes, unescaped into scratch `index` when needed; nil for a lone
    /// surrogate. The count may exceed what was written when the value is over capacity.
    @inline(__always)
    private func bytes(_ p: UnsafePointer<UInt8>, _ slot: FieldSlot, scratch index: Int) -> (UnsafePointer<UInt8>, Int)? {
        guard slot.escaped else { return (p + slot.start, slot.end - slot.start) }
        let dst = storage.scratch(index)
        let len = JSONScanning.unescape(p, slot.start, slot.end, into: dst, capacity: Self.scratchCapacity)
        return len < 0 ? nil : (UnsafePointer(dst), len)
    }
}

/// Memory allocated once per decoder: the slots, a scratch area per slot for unescaped values,
/// and one for an escaped key.
final class ScratchStorage {
    static let keyCapacity = 512
    let base: UnsafeMutablePointer<UInt8>
    let capacity: Int
    let keyScratch: UnsafeMutablePointer<UInt8>
    let slots: UnsafeMutablePointer<FieldSlot>

    init(fields: Int, capacity: Int) {
        self.capacity = capacity
        base = .allocate(capacity: fields * capacity + Self.keyCapacity)
        keyScratch = base + fields * capacity
        slots = .allocate(capacity: fields)
        slots.initialize(repeating: FieldSlot(), count: fields)
    }

    @inline(__always)
    func scratch(_ field: Int) -> UnsafeMutablePointer<UInt8> { base + field * capacity }

    deinit {
        base.deallocate()
        slots.deallocate()
    }
}

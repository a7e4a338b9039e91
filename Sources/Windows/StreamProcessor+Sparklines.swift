import EventModel

@inline(__always)
private func saturatingAdd(_ a: UInt32, _ b: UInt32) -> UInt32 {
    let (sum, overflow) = a.addingReportingOverflow(b)
    return overflow ? .max : sum
}

extension StreamProcessor {
    /// The per-second series of the last `seconds` seconds before stream time, read from the
    /// ring: one pass over the entries of those seconds. Seconds before `E − lookback` stay
    /// zero: events that old are late, never bucketed, so they would be only partly there.
    func sparklines(seconds: Int = TenantSparklines.defaultSeconds) -> TenantSparklines {
        guard let end = streamEnd, seconds > 0 else { return .empty }
        let tenantCount = tenants.count
        let start = end - Int64(seconds)
        var counts = [UInt32](repeating: 0, count: tenantCount * seconds)
        var totals = [UInt32](repeating: 0, count: seconds)
        let first = max(start, end - config.lookback)
        guard first < end else {
            return TenantSparklines(start: start, seconds: seconds, tenantCount: tenantCount, counts: counts,
                                    totals: totals)
        }
        counts.withUnsafeMutableBufferPointer { perTenant in
            keyTenant.withUnsafeBufferPointer { tenantOfKey in
                for second in first..<end {
                    let i = Int(second - start)
                    var total: UInt32 = 0
                    ring.forEachEntry(of: second) { entry in
                        let key = Int(entry.key)
                        guard key < tenantOfKey.count else { return }
                        let tenant = Int(tenantOfKey[key])
                        guard tenant >= 0, tenant < tenantCount else { return }
                        let at = tenant * seconds + i
                        perTenant[at] = saturatingAdd(perTenant[at], entry.count)
                        total = saturatingAdd(total, entry.count)
                    }
                    totals[i] = total
                }
            }
        }
        return TenantSparklines(start: start, seconds: seconds, tenantCount: tenantCount, counts: counts,
                                totals: totals)
    }

    /// One tenant's events and errors a second over the last `seconds` (at most the seconds the
    /// ring keeps). A whole pass over those seconds' entries costs milliseconds with thousands of
    /// tenants, so the last answer is kept: the next one shifts it and recounts only its last
    /// `recount` seconds (where events still land), with a whole pass every `fullEvery` seconds
    /// of stream time (for the rarer late events further back). Nil for a tenant never seen.
    func detail(of name: String, seconds wanted: Int = TenantDetail.seconds) -> TenantDetail? {
        guard let end = streamEnd else { return nil }
        let id: Int? = Array(name.utf8).withUnsafeBufferPointer { tenants.find($0) }
        guard let id else { return nil }
        let seconds = max(1, min(wanted, Int(config.lookback)))
        let start = end - Int64(seconds)
        var events = [UInt32](repeating: 0, count: seconds)
        var errors = events
        var from = max(start, end - config.lookback)
        if let cached = detailCache.detail, cached.tenant == name, cached.events.count == seconds,
           cached.start <= start, start - cached.start < Int64(seconds), end - detailCache.wholeAt < DetailCache.fullEvery,
           accepted >= detailCache.accepted
        {
            let shift = Int(start - cached.start)
            let kept = seconds - shift
            events.replaceSubrange(0..<kept, with: cached.events[shift...])
            errors.replaceSubrange(0..<kept, with: cached.errors[shift...])
            let cachedEnd = cached.start + Int64(seconds)
            from = max(from, cachedEnd - DetailCache.recount)
            for second in from..<end {
                let i = Int(second - start)
                events[i] = 0
                errors[i] = 0
            }
        } else {
            detailCache.wholeAt = end
        }
        for second in from..<end {
            let i = Int(second - start)
            ring.forEachEntry(of: second) { entry in
                let key = Int(entry.key)
                guard key < keyTenant.count, Int(keyTenant[key]) == id else { return }
                events[i] = saturatingAdd(events[i], entry.count)
                if keyIsError[key] { errors[i] = saturatingAdd(errors[i], entry.count) }
            }
        }
        let detail = TenantDetail(tenant: name, start: start, events: events, errors: errors)
        detailCache.detail = detail
        detailCache.accepted = accepted
        return detail
    }
}

/// The tenant view's last detail (see `detail(of:)`). A reference, written from the snapshot
/// call on the ingest thread only.
final class DetailCache: @unchecked Sendable {
    static let recount: Int64 = 15
    static let fullEvery: Int64 = 10
    var detail: TenantDetail?
    var wholeAt: Int64 = .min
    /// The processor's accepted count then: a copy of the processor that shares this cache but
    /// has seen fewer events recounts whole.
    var accepted = 0
}

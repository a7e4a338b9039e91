/// Events accepted a second, over the last few seconds of snapshots.
struct RateMeter {
    private var samples: [(accepted: Int, nanos: Int64)] = []

    mutating func add(accepted: Int, at nanos: Int64) {
        samples.append((accepted, nanos))
        while samples.count > 2, nanos - samples[0].nanos > 3_000_000_000 { samples.removeFirst() }
    }

    var perSecond: Double {
        guard let first = samples.first, let last = samples.last, last.nanos > first.nanos else { return 0 }
        return Double(last.accepted - first.accepted) / (Double(last.nanos - first.nanos) / 1e9)
    }
}

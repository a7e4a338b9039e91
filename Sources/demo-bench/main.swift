// demo-bench: the numbers behind `eventtop demo` (bench/demo_numbers.sh).
//   demo-bench snapshot TENANTS      time StreamProcessor.snapshot (with the 60 s sparklines)
//   demo-bench feed RATE SECONDS     run DemoFeed into a drained pipe: rate reached, feed CPU
//   demo-bench backfill WEEKS TENANTS [DIR]   time DemoBackfill.run into DIR (kept) or a
//                                             fresh temporary folder (removed)
import Demo
import EventModel
import Foundation
import Ingest
import Live
import Windows

func fail(_ text: String) -> Never {
    FileHandle.standardError.write(Data((text + "\n").utf8))
    exit(2)
}

let args = CommandLine.arguments
guard args.count >= 3 else { fail("usage: demo-bench snapshot TENANTS | feed RATE SECONDS | backfill WEEKS TENANTS") }

func seconds(_ from: Int64, _ to: Int64) -> Double { Double(to - from) / 1e9 }

switch args[1] {
case "snapshot":
    guard let tenants = Int(args[2]), tenants > 0, tenants <= 10_000 else { fail("TENANTS: 1…10000") }
    // 600 s of events, every tenant sending ~10 a second over click/view/error (and a few
    // rarer types): the ring's last 60 s hold about tenants × 3–6 entries a second.
    var pipeline = LivePipeline(config: ProcessorConfig())
    let base: Int64 = 1_795_707_000
    var rng = SplitMix64(seed: 1)
    let types = ["click", "view", "error", "purchase", "signup", "logout"]
    var line = [UInt8]()
    let perSecond = tenants * 10
    var number = 0
    for s in 0..<600 {
        for _ in 0..<perSecond {
            let t = rng.below(tenants)
            let type = types[min(5, rng.below(100) < 60 ? 0 : rng.below(100) < 80 ? 1 : 2 + rng.below(4))]
            line.removeAll(keepingCapacity: true)
            line.append(contentsOf: #"{"ts":\#(base + Int64(s)).\#(rng.below(1000)),"tenant_id":"tenant-\#(t)","event_type":"\#(type)","session_id":"s\#(rng.below(1000))"}"#.utf8)
            number += 1
            line.withUnsafeBufferPointer { bytes in
                TerminatedLine.with(bytes) { pipeline.line($0, count: $1, number: number) }
            }
        }
    }
    var times: [Double] = []
    var snap: MetricsSnapshot?
    for _ in 0..<21 {
        let start = WallClock.monotonicNanos()
        snap = pipeline.snapshot(hopping: nil)
        times.append(seconds(start, WallClock.monotonicNanos()) * 1000)
    }
    times.sort()
    let s = snap!
    print("snapshot: \(tenants) tenants, \(s.stats.keys) keys, \(s.stats.bucketEntries) ring entries, "
        + "\(s.stats.accepted) events: median \(String(format: "%.2f", times[10])) ms, "
        + "min \(String(format: "%.2f", times[0])) ms, max \(String(format: "%.2f", times[20])) ms; "
        + "series \(s.sparklines.counts.count) values, last-second total \(s.totalSeries.last ?? 0)")
    // The tenant view's hour of one tenant: the first snapshot counts every entry of the hour,
    // the next ones only the last seconds (the detail is kept between snapshots).
    var first = 0.0
    var kept: [Double] = []
    for i in 0..<21 {
        let start = WallClock.monotonicNanos()
        snap = pipeline.snapshot(hopping: nil, detail: "tenant-0")
        let ms = seconds(start, WallClock.monotonicNanos()) * 1000
        if i == 0 { first = ms } else { kept.append(ms) }
    }
    kept.sort()
    print("snapshot with a tenant's hour (the tenant view): first \(String(format: "%.2f", first)) ms (every entry), "
        + "then median \(String(format: "%.2f", kept[10])) ms (kept, the last seconds recounted); "
        + "\(snap!.detail?.events.reduce(0) { $0 + Int($1) } ?? 0) events of tenant-0")

case "feed":
    guard args.count == 4, let rate = Double(args[2]), let duration = Double(args[3]), duration > 0 else {
        fail("usage: demo-bench feed RATE SECONDS")
    }
    let (feed, readEnd) = try DemoFeed.start(DemoFeed.Settings(rate: rate, tenants: 24, seed: 1))
    let source = InputSource(fileDescriptor: readEnd, name: "demo")
    let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
    defer { buffer.deallocate() }
    let start = WallClock.monotonicNanos()
    var bytes: Int64 = 0
    while seconds(start, WallClock.monotonicNanos()) < duration {
        if case .bytes(let n) = try source.read(into: buffer, timeoutMs: 50) { bytes += Int64(n) }
    }
    let stats = feed.stats
    feed.stop()
    let elapsed = seconds(start, WallClock.monotonicNanos())
    print("feed: target \(Int(rate))/s for \(duration) s: \(stats.events) events = \(Int(Double(stats.events) / stats.elapsed))/s "
        + "(\(Int(Double(stats.bytes) / stats.elapsed / 1e6)) MB/s, \(stats.skipped) given up), "
        + "feed thread CPU \(String(format: "%.2f", Double(stats.cpuNanos) / 1e9 / stats.elapsed * 100)) % of a core, "
        + "\(Int(Double(stats.events) / (Double(stats.cpuNanos) / 1e9))) events per CPU second; "
        + "read \(bytes) bytes in \(String(format: "%.1f", elapsed)) s")

case "backfill":
    guard args.count == 4 || args.count == 5, let weeks = Int(args[2]), let tenants = Int(args[3]) else {
        fail("usage: demo-bench backfill WEEKS TENANTS [DIR]")
    }
    let folder = args.count == 5 ? args[4] : NSTemporaryDirectory() + "demo-bench-backfill-\(getpid())"
    defer { if args.count == 4 { try? FileManager.default.removeItem(atPath: folder) } }
    let start = WallClock.monotonicNanos()
    let outcome = try DemoBackfill.run(directory: folder, weeks: weeks, tenants: tenants, seed: 1)
    let first = seconds(start, WallClock.monotonicNanos())
    let again = WallClock.monotonicNanos()
    let second = try DemoBackfill.run(directory: folder, weeks: weeks, tenants: tenants, seed: 1)
    print("backfill: \(outcome.written.count) days × \(tenants) tenants in \(String(format: "%.3f", first)) s; "
        + "second run wrote \(second.written.count) in \(String(format: "%.3f", seconds(again, WallClock.monotonicNanos()))) s")

default:
    fail("unknown: \(args[1])")
}

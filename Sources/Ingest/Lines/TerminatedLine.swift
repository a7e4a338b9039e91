/// A line terminated as a `LineSink` expects it — its `\n`, then `LineSplitter.slack` readable
/// bytes — for feeding a sink a line that no `LineSplitter` cut (seeds, benchmarks).
public enum TerminatedLine {
    /// Calls `body` with a terminated copy of `bytes` (without a `\n` of its own) and its length.
    public static func with<R>(_ bytes: UnsafeBufferPointer<UInt8>, _ body: (UnsafePointer<UInt8>, Int) -> R) -> R {
        var copy = [UInt8](repeating: 0, count: bytes.count + 1 + LineSplitter.slack)
        return copy.withUnsafeMutableBufferPointer { buffer in
            let line = buffer.baseAddress!
            if let source = bytes.baseAddress { line.update(from: source, count: bytes.count) }
            line[bytes.count] = 0x0A
            return body(UnsafePointer(line), bytes.count)
        }
    }
}

/// Numbers as decimal text written straight into a caller's buffer: no String per value.
public enum DecimalText {
    /// The longest text `write(_:Int64)` produces: `-9223372036854775808`.
    public static let maxIntegerBytes = 20
    /// More than the longest text `write(_:Double)` produces (Swift's shortest round-trip
    /// digits with an exponent: `-2.2250738585072014e-308` is 24 bytes).
    public static let maxDoubleBytes = 32

    /// `00`, `01`, … `99`.
    private static let pairs: [UInt8] = (0..<100).flatMap { [UInt8(ascii: "0") + UInt8($0 / 10), UInt8(ascii: "0") + UInt8($0 % 10)] }

    /// Writes `value` at `p` (room for `maxIntegerBytes`) and returns the bytes written.
    @inline(__always)
    public static func write(_ value: Int64, to p: UnsafeMutablePointer<UInt8>) -> Int {
        var n = value.magnitude
        var sign = 0
        if value < 0 {
            p[0] = UInt8(ascii: "-")
            sign = 1
        }
        // Digits counted first, then written from the end two at a time.
        var digits = 1
        var limit: UInt64 = 10
        while digits < 20, n >= limit {
            digits += 1
            limit &*= 10
        }
        var end = sign + digits
        pairs.withUnsafeBufferPointer { table in
            // SAFETY: `end` counts down from the digits' end to the sign; indices into the
            // 200-byte table are 2 * (n % 100) < 200.
            while n >= 100 {
                let r = Int(n % 100) * 2
                n /= 100
                p[end - 1] = table[r + 1]
                p[end - 2] = table[r]
                end -= 2
            }
            if n >= 10 {
                let r = Int(n) * 2
                p[end - 1] = table[r + 1]
                p[end - 2] = table[r]
            } else {
                p[end - 1] = UInt8(ascii: "0") + UInt8(n)
            }
        }
        return sign + digits
    }

    /// Writes `value` as Swift's `description` does (the shortest text that reads back as the
    /// same double) at `p` (room for `maxDoubleBytes`) and returns the bytes written. Goes
    /// through `Double.write(to:)`, which hands its digits to the stream as ASCII bytes: no
    /// String is made.
    @inline(__always)
    public static func write(_ value: Double, to p: UnsafeMutablePointer<UInt8>) -> Int {
        var sink = PointerSink(start: p)
        value.write(to: &sink)
        return sink.count
    }
}

/// A text stream into memory the caller sized (`DecimalText.maxDoubleBytes` for a double).
private struct PointerSink: TextOutputStream {
    let start: UnsafeMutablePointer<UInt8>
    var count = 0

    mutating func _writeASCII(_ buffer: UnsafeBufferPointer<UInt8>) {
        precondition(count + buffer.count <= DecimalText.maxDoubleBytes, "number text longer than its room")
        // SAFETY: checked above against the room the caller gave.
        if let base = buffer.baseAddress { (start + count).update(from: base, count: buffer.count) }
        count += buffer.count
    }

    mutating func write(_ string: String) {
        var string = string
        string.withUTF8 { _writeASCII($0) }
    }
}

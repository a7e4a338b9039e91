/// The few elements of S3's XML replies eventtop reads (`ListBucketResult`, `Error`): flat
/// elements found by name, their text with XML's entities decoded. Not a general XML parser:
/// S3's replies are machine-written, without attributes on these elements, CDATA or comments.
struct S3XML {
    private let text: [UInt8]

    init(_ bytes: [UInt8]) { text = bytes }

    /// The inner text of every `<name>…</name>` in `range`, in order.
    func all(_ name: String, in range: Range<Int>? = nil) -> [Range<Int>] {
        let open = Array("<\(name)>".utf8), close = Array("</\(name)>".utf8)
        var out: [Range<Int>] = []
        var i = range?.lowerBound ?? 0
        let end = range?.upperBound ?? text.count
        while let start = find(open, from: i, before: end) {
            let inner = start + open.count
            guard let stop = find(close, from: inner, before: end) else { break }
            out.append(inner..<stop)
            i = stop + close.count
        }
        return out
    }

    /// The decoded text of the first `<name>` in `range`, nil when there is none.
    func first(_ name: String, in range: Range<Int>? = nil) -> String? {
        // A short scan: the first match only.
        let open = Array("<\(name)>".utf8), close = Array("</\(name)>".utf8)
        let end = range?.upperBound ?? text.count
        guard let start = find(open, from: range?.lowerBound ?? 0, before: end),
              let stop = find(close, from: start + open.count, before: end) else { return nil }
        return string(start + open.count..<stop)
    }

    /// The text of `range` with `&amp;`, `&lt;`, `&gt;`, `&quot;`, `&apos;` and `&#N;`/`&#xH;` decoded.
    func string(_ range: Range<Int>) -> String {
        let bytes = text[range]
        guard bytes.contains(UInt8(ascii: "&")) else { return String(decoding: bytes, as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = bytes.startIndex
        while i < bytes.endIndex {
            let c = bytes[i]
            guard c == UInt8(ascii: "&"), let semi = bytes[i...].prefix(12).firstIndex(of: UInt8(ascii: ";")) else {
                out.append(c)
                i += 1
                continue
            }
            let entity = String(decoding: bytes[(i + 1)..<semi], as: UTF8.self)
            var scalar: UInt32?
            switch entity {
            case "amp": scalar = 0x26
            case "lt": scalar = 0x3C
            case "gt": scalar = 0x3E
            case "quot": scalar = 0x22
            case "apos": scalar = 0x27
            default:
                if entity.hasPrefix("#x") || entity.hasPrefix("#X") {
                    scalar = UInt32(entity.dropFirst(2), radix: 16)
                } else if entity.hasPrefix("#") {
                    scalar = UInt32(entity.dropFirst(1))
                }
            }
            if let scalar, let u = Unicode.Scalar(scalar) {
                out.append(contentsOf: Array(String(Character(u)).utf8))
                i = semi + 1
            } else {
                out.append(c)
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private func find(_ needle: [UInt8], from start: Int, before end: Int) -> Int? {
        guard !needle.isEmpty, end - start >= needle.count else { return nil }
        let first = needle[0]
        var i = start
        while i <= end - needle.count {
            if text[i] == first {
                var k = 1
                while k < needle.count && text[i + k] == needle[k] { k += 1 }
                if k == needle.count { return i }
            }
            i += 1
        }
        return nil
    }
}

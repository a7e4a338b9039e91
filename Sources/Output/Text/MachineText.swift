/// CSV (RFC 4180 quoting, header line, null as an empty field) or one JSON array of objects
/// (null as null), written straight into bytes: tens of thousands of rows cost milliseconds.
public struct MachineText {
    private var bytes: [UInt8] = []
    private let keys: [[UInt8]]
    private let json: Bool
    private var column = 0
    private var rows = 0

    public init(header: [String], json: Bool) {
        self.json = json
        keys = header.map { Array(JSONText.quote($0).utf8) + [UInt8(ascii: ":")] }
        bytes.reserveCapacity(1 << 20)
        if json {
            bytes.append(UInt8(ascii: "["))
        } else {
            bytes += Array(header.joined(separator: ",").utf8)
            bytes.append(UInt8(ascii: "\n"))
        }
    }

    public mutating func beginRow() {
        column = 0
        if json { bytes += rows == 0 ? Array("\n{".utf8) : Array(",\n{".utf8) }
        rows += 1
    }

    public mutating func endRow() { bytes += json ? [UInt8(ascii: "}")] : [UInt8(ascii: "\n")] }

    private mutating func separate() {
        if column > 0 { bytes.append(UInt8(ascii: ",")) }
        if json { bytes += keys[column] }
        column += 1
    }

    public mutating func text(_ value: String?) {
        separate()
        guard let value else {
            if json { bytes += Array("null".utf8) }
            return
        }
        if json {
            bytes += Array(JSONText.quote(value).utf8)
        } else if value.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) {
            bytes += Array(CSV.quote(value).utf8)
        } else {
            bytes += value.utf8
        }
    }

    /// A number already in its text form (nil: null).
    public mutating func number(_ text: String?) {
        separate()
        if let text { bytes += text.utf8 } else if json { bytes += Array("null".utf8) }
    }

    public mutating func integer(_ value: Int64?) {
        separate()
        guard let value else {
            if json { bytes += Array("null".utf8) }
            return
        }
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        // The digits into a 20-byte stack buffer, last digit first, then appended at once.
        var buffer: (UInt64, UInt64, UInt64) = (0, 0, 0)
        withUnsafeMutableBytes(of: &buffer) { digits in
            var n = value.magnitude
            var i = 24
            repeat {
                i -= 1
                digits[i] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: n % 10)
                n /= 10
            } while n > 0
            bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: digits[i...]))
        }
    }

    /// A text field given as UTF-8 bytes (as `text(_:)`).
    public mutating func text(bytes value: UnsafeRawBufferPointer) {
        if json || value.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) {
            text(String(decoding: value, as: UTF8.self))
            return
        }
        separate()
        bytes.append(contentsOf: value)
    }

    /// A double as the shortest text that reads back as the same value (nil: null).
    public mutating func double(_ value: Double?) {
        separate()
        guard let value else {
            if json { bytes += Array("null".utf8) }
            return
        }
        var text = value.description
        text.withUTF8 { bytes.append(contentsOf: $0) }
    }

    public mutating func finish() -> String { String(decoding: finishBytes(), as: UTF8.self) }

    /// The text as UTF-8 bytes (`finish()` without the copy into a String).
    public mutating func finishBytes() -> [UInt8] {
        if json { bytes += rows == 0 ? Array("]\n".utf8) : Array("\n]\n".utf8) }
        return bytes
    }
}

/// Min, max and null count of a column chunk, in the PLAIN form of single values, ordered as
/// the type defines (signed integers, IEEE floats without NaN, strings byte-wise).
struct ColumnStatistics {
    var nullCount: Int64 = 0
    var min: [UInt8]?
    var max: [UInt8]?

    static func of(_ values: ColumnValues, nullCount: Int) -> ColumnStatistics {
        var s = ColumnStatistics(nullCount: Int64(nullCount))
        func image<T: BitwiseCopyable>(_ v: T) -> [UInt8] { withUnsafeBytes(of: v) { Array($0) } }
        switch values {
        case .boolean(let v):
            if let lo = v.min(by: { !$0 && $1 }), let hi = v.max(by: { !$0 && $1 }) {
                s.min = [lo ? 1 : 0]
                s.max = [hi ? 1 : 0]
            }
        case .int32(let v):
            if let lo = v.min(), let hi = v.max() { s.min = image(lo.littleEndian); s.max = image(hi.littleEndian) }
        case .int64(let v):
            if let lo = v.min(), let hi = v.max() { s.min = image(lo.littleEndian); s.max = image(hi.littleEndian) }
        case .float(let v):
            (s.min, s.max) = floatingRange(v) { image($0.bitPattern.littleEndian) }
        case .double(let v):
            (s.min, s.max) = floatingRange(v) { image($0.bitPattern.littleEndian) }
        case .bytes(let v):
            guard v.count > 0 else { break }
            var lo = v[0], hi = v[0]
            for i in 1..<v.count {
                let x = v[i]
                if x.lexicographicallyPrecedes(lo) { lo = x }
                if hi.lexicographicallyPrecedes(x) { hi = x }
            }
            s.min = Array(lo)
            s.max = Array(hi)
        case .int96:
            break
        }
        return s
    }

    /// Min and max ignoring NaN, a zero minimum written -0.0 and a zero maximum +0.0 (as the
    /// spec asks); nil when every value is NaN.
    private static func floatingRange<T: BinaryFloatingPoint>(_ values: [T], _ image: (T) -> [UInt8])
        -> ([UInt8]?, [UInt8]?)
    {
        let finite = values.filter { !$0.isNaN }
        guard var lo = finite.min(), var hi = finite.max() else { return (nil, nil) }
        if lo == 0 { lo = -0.0 }
        if hi == 0 { hi = 0.0 }
        return (image(lo), image(hi))
    }

    var thrift: Statistics {
        var t = Statistics()
        t.nullCount = nullCount
        t.minValue = min
        t.maxValue = max
        return t
    }
}

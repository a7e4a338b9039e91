import Cells

/// How much of a row or column one part of a split takes.
public enum Constraint: Sendable, Equatable {
    /// Exactly this many cells (less only when there is not enough room).
    case length(Int)
    /// At least this many cells; grows like `fill(1)` when no `fill` part is present.
    case min(Int)
    /// This share of the whole.
    case percentage(Int)
    /// What is left, shared among fills by weight.
    case fill(Int)
}

public enum Axis: Sendable {
    case horizontal, vertical
}

extension Rect {
    /// Splits the rectangle along an axis by constraints, solved for its size: fixed parts
    /// first, then the rest shared among `fill` parts (or `min` parts when none). When the
    /// room is short, the last parts shrink first.
    public func split(_ axis: Axis, _ constraints: [Constraint], spacing: Int = 0) -> [Rect] {
        let total = axis == .horizontal ? width : height
        let gaps = spacing * max(0, constraints.count - 1)
        let room = max(0, total - gaps)
        var sizes = constraints.map { c -> Int in
            switch c {
            case .length(let n), .min(let n): return Swift.max(0, n)
            case .percentage(let p): return room * Swift.max(0, Swift.min(100, p)) / 100
            case .fill: return 0
            }
        }
        var excess = sizes.reduce(0, +) - room
        var i = sizes.count - 1
        while excess > 0 && i >= 0 {
            let cut = Swift.min(excess, sizes[i])
            sizes[i] -= cut
            excess -= cut
            i -= 1
        }
        var left = room - sizes.reduce(0, +)
        if left > 0 {
            var weights = constraints.map { c -> Int in
                if case .fill(let w) = c { return Swift.max(1, w) }
                return 0
            }
            if weights.allSatisfy({ $0 == 0 }) {
                weights = constraints.map { c in
                    if case .min = c { return 1 }
                    return 0
                }
            }
            let weightSum = weights.reduce(0, +)
            if weightSum > 0 {
                let share = left
                for j in sizes.indices where weights[j] > 0 {
                    let add = share * weights[j] / weightSum
                    sizes[j] += add
                    left -= add
                }
                // The rounding remainder goes to the last growing part.
                if let last = weights.lastIndex(where: { $0 > 0 }) { sizes[last] += left }
            }
        }
        var rects: [Rect] = []
        var offset = axis == .horizontal ? x : y
        for size in sizes {
            rects.append(axis == .horizontal
                ? Rect(x: offset, y: y, width: size, height: height)
                : Rect(x: x, y: offset, width: width, height: size))
            offset += size + spacing
        }
        return rects
    }
}

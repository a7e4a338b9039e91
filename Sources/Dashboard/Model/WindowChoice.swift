import EventModel
import Windows

/// Rolling windows [E−X, E), or hopping windows [k·hop, k·hop+X).
public enum WindowMode: String, Sendable, CaseIterable {
    case rolling, hopping
}

/// Which window the screen shows: one of the processor's presets, rolling or hopping.
public struct WindowChoice: Sendable, Equatable {
    /// The lengths the processor keeps (seconds, ascending).
    public let presets: [Int64]
    public private(set) var index: Int
    public var mode: WindowMode
    /// The hop of hopping windows (capped at the window's length).
    public var hop: Int64

    public init(presets: [Int64], length: Int64, mode: WindowMode = .rolling, hop: Int64 = 10) {
        self.presets = presets.isEmpty ? ProcessorConfig.defaultPresets : presets
        index = self.presets.firstIndex(of: length) ?? self.presets.firstIndex { $0 >= length } ?? 0
        self.mode = mode
        self.hop = hop
    }

    public var length: Int64 { presets[index] }

    /// The hopping window the processor must compute, if any.
    public var hopping: HoppingSpec? {
        mode == .hopping ? HoppingSpec(size: length, hop: min(hop, length)) : nil
    }

    public mutating func next() { index = (index + 1) % presets.count }
    public mutating func previous() { index = (index + presets.count - 1) % presets.count }

    /// Chooses preset `n` (0-based); false when there is no such preset.
    @discardableResult
    public mutating func choose(_ n: Int) -> Bool {
        guard n >= 0, n < presets.count else { return false }
        index = n
        return true
    }

    public mutating func toggleMode() { mode = mode == .rolling ? .hopping : .rolling }

    /// `1m rolling`, `5m hopping/10s`.
    public var label: String {
        let length = DurationParsing.format(self.length)
        guard let spec = hopping else { return "\(length) rolling" }
        return spec.hop == spec.size ? "\(length) tumbling" : "\(length) hopping/\(DurationParsing.format(spec.hop))"
    }
}

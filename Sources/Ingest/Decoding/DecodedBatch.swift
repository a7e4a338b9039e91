import EventModel

/// Events decoded from one block of input, in input order, with their names copied into one
/// arena: what the decoding thread hands the processing thread.
public struct DecodedBatch: Sendable {
    public var ts: [Int64] = []
    /// Per event: offsets into `arena` of tenant, type and session, and their lengths; the
    /// tenant's length word carries the error flag in its top bit (names are ≤ 256 bytes).
    public var fields: [UInt32] = []
    @usableFromInline static let errorBit: UInt32 = 1 << 31
    public var arena: [UInt8] = []
    /// Lines rejected in this batch, by reason, and the last one's line number and reason.
    public var rejected = RejectCounts()
    public var lastReject: (line: Int, reason: RejectReason)?
    /// Numeric timestamps read under `--ts-unit auto` so far in all, by the unit taken.
    public var autoUnits: [Int] = []
    /// Lines and bytes read so far in all (not just this batch).
    public var linesSeen = 0
    public var bytesSeen: Int64 = 0
    /// The input ended with this batch.
    public var isLast = false
    public var position = InputPosition()

    public init(capacity: Int) {
        ts.reserveCapacity(capacity)
        fields.reserveCapacity(capacity * 6)
        arena.reserveCapacity(capacity * 24)
    }

    public var count: Int { ts.count }

    @inline(__always)
    mutating func append(_ event: RawEvent) {
        ts.append(event.ts)
        appendName(event.tenant, flag: event.isError ? Self.errorBit : 0)
        appendName(event.eventType, flag: 0)
        appendName(event.session, flag: 0)
    }

    @inline(__always)
    private mutating func appendName(_ name: UnsafeBufferPointer<UInt8>, flag: UInt32) {
        fields.append(UInt32(truncatingIfNeeded: arena.count))
        fields.append(UInt32(name.count) | flag)
        arena.append(contentsOf: name)
    }

    /// Calls `body` with each event, its names pointing into the arena.
    @inlinable
    public func forEach(_ body: (RawEvent) -> Void) {
        arena.withUnsafeBufferPointer { a in
            // A non-nil base even for an empty arena, so empty names are valid buffers.
            let base = a.baseAddress ?? UnsafePointer(bitPattern: 1)!
            for i in 0..<ts.count {
                let f = 6 * i
                let tenantLength = fields[f + 1]
                body(RawEvent(
                    tenant: UnsafeBufferPointer(start: base + Int(fields[f]), count: Int(tenantLength & ~Self.errorBit)),
                    eventType: UnsafeBufferPointer(start: base + Int(fields[f + 2]), count: Int(fields[f + 3])),
                    session: UnsafeBufferPointer(start: base + Int(fields[f + 4]), count: Int(fields[f + 5])),
                    ts: ts[i], isError: tenantLength & Self.errorBit != 0))
            }
        }
    }
}

/// The `LineSink` of the decoding thread: decodes lines into the current batch.
public struct BatchingDecoder: LineSink {
    public var batch: DecodedBatch
    private var decoder: EventLineDecoder

    public init(capacity: Int, mapping: EventMapping) {
        batch = DecodedBatch(capacity: capacity)
        decoder = EventLineDecoder(mapping: mapping)
    }

    @inline(__always)
    public mutating func line(_ bytes: UnsafePointer<UInt8>, count: Int, number: Int) {
        switch decoder.decode(bytes, count: count) {
        case .event(let event):
            batch.append(event)
        case .blank:
            break
        case .rejected(let reason):
            batch.rejected[reason] += 1
            batch.lastReject = (number, reason)
        }
    }

    public mutating func tooLong(number: Int) {
        batch.rejected[.tooLong] += 1
        batch.lastReject = (number, .tooLong)
    }

    /// Decodes a block of lines into a batch that carries the block's counters.
    public mutating func decode(_ block: LineBlock, capacity: Int) -> DecodedBatch {
        block.replay(into: &self)
        batch.linesSeen = block.linesSeen
        batch.bytesSeen = block.bytesSeen
        batch.isLast = block.isLast
        batch.position = block.position
        batch.autoUnits = decoder.autoUnits
        defer { batch = DecodedBatch(capacity: capacity) }
        return batch
    }
}

import EventModel

/// Events decoded from one read of the input, in input order: what the reading and decoding
/// thread hands the processing thread. An event is its ts and the id of its (tenant, type,
/// error) pair; the names of pairs first seen in this batch come with it, once.
public struct DecodedBatch: Sendable {
    public internal(set) var ts: GrowableColumn<Int64>
    public internal(set) var pairs: GrowableColumn<UInt32>
    /// With sessions carried (`live --history`): where each event's session ends in
    /// `sessionBytes` (it starts where the one before ends).
    public internal(set) var sessionEnds: GrowableColumn<UInt32>
    public internal(set) var sessionBytes: GrowableColumn<UInt8>
    /// Names of the pairs first seen in this batch; their ids start at `firstNewPair`.
    public internal(set) var newPairs = PairNames()
    public internal(set) var firstNewPair = 0
    /// Pair ids start again at 0 with this batch (the decoder's table was full): forget the
    /// ones known before.
    public internal(set) var restartsPairs = false
    /// Which decoder made the batch: pair ids are that decoder's.
    public internal(set) var decoder = 0
    /// Lines rejected in this batch, by reason, and the last one's line number and reason
    /// (counted from the batch's first line, 1, when the batch comes from a chunk).
    public var rejected = RejectCounts()
    public var lastReject: (line: Int, reason: RejectReason)?
    /// Lines in this batch (from a chunk).
    public internal(set) var lineCount = 0
    /// Numeric timestamps read under `--ts-unit auto` so far in all, by the unit taken.
    public var autoUnits: [Int] = []
    /// Bytes read so far in all (not just this batch).
    public var bytesSeen: Int64 = 0
    /// The input ended with this batch.
    public var isLast = false
    /// A Kafka member hands partitions over after this batch (see `LineChunk.handsOver`).
    public var handsOver = false
    /// Where the input stands after this batch's last complete line: for checkpoints.
    public var position = InputPosition()

    public init(capacity: Int, carriesSessions: Bool) {
        ts = GrowableColumn(capacity: capacity)
        pairs = GrowableColumn(capacity: capacity)
        sessionEnds = GrowableColumn(capacity: carriesSessions ? capacity : 0)
        sessionBytes = GrowableColumn(capacity: carriesSessions ? capacity * 16 : 0)
    }

    public var count: Int { ts.count }
}

/// The `LineSink` of the decoding thread: decodes lines into the current batch.
public struct BatchingDecoder: LineSink {
    private var batch: DecodedBatch
    private var decoder: EventLineDecoder
    private var pairs = PairInterner()
    private let capacity: Int
    private let carriesSessions: Bool

    /// (Tenant, type, error) pairs a decoder names before its table starts over.
    public static var pairCapacity: Int { PairInterner.capacity }

    /// Which of the engine's decoders this is (batches carry it).
    private let index: Int

    /// `carriesSessions`: keep each event's session (the daily rollup needs it, the windows do not).
    public init(capacity: Int, mapping: EventMapping, carriesSessions: Bool, index: Int = 0) {
        self.capacity = capacity
        self.carriesSessions = carriesSessions
        self.index = index
        batch = DecodedBatch(capacity: capacity, carriesSessions: carriesSessions)
        batch.decoder = index
        decoder = EventLineDecoder(mapping: mapping)
    }

    /// Decodes a chunk's lines (numbered from 1) into a batch that carries the chunk's counters.
    public mutating func decode(_ chunk: LineChunk, maxLineBytes: Int) -> DecodedBatch {
        let lines = chunk.replay(into: &self, maxLineBytes: maxLineBytes)
        var full = take(bytesSeen: chunk.bytesSeen, isLast: chunk.isLast, position: chunk.position)
        full.lineCount = lines
        full.handsOver = chunk.handsOver
        return full
    }

    @inline(__always)
    public mutating func line(_ bytes: UnsafePointer<UInt8>, count: Int, number: Int) {
        take(decoder.decode(terminated: bytes, count: count), number: number)
    }

    @inline(__always)
    public mutating func unmeasuredLine(_ bytes: UnsafePointer<UInt8>, available: Int, maxLineBytes: Int, number: Int) -> Int? {
        guard let (length, outcome) = decoder.decodeLearned(bytes, available: available, maxLineBytes: maxLineBytes) else {
            return nil
        }
        take(outcome, number: number)
        return length
    }

    @inline(__always)
    private mutating func take(_ outcome: LineOutcome, number: Int) {
        switch outcome {
        case .event(let event):
            let (id, isNew) = pairs.id(tenant: event.tenant, type: event.eventType, isError: event.isError)
            if isNew { batch.newPairs.append(tenant: event.tenant, type: event.eventType, isError: event.isError) }
            batch.ts.append(event.ts)
            batch.pairs.append(id)
            if carriesSessions {
                if let s = event.session.baseAddress, !event.session.isEmpty {
                    batch.sessionBytes.append(s, count: event.session.count)
                }
                batch.sessionEnds.append(UInt32(truncatingIfNeeded: batch.sessionBytes.count))
            }
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

    /// Hands out the batch so far with the input's counters, and starts the next one.
    private mutating func take(bytesSeen: Int64, isLast: Bool, position: InputPosition) -> DecodedBatch {
        var full = batch
        full.bytesSeen = bytesSeen
        full.isLast = isLast
        full.position = position
        full.autoUnits = decoder.autoUnits
        batch = DecodedBatch(capacity: isLast ? 0 : capacity, carriesSessions: carriesSessions && !isLast)
        batch.decoder = index
        if pairs.isFull {
            pairs.removeAll()
            batch.restartsPairs = true
        }
        batch.firstNewPair = pairs.count
        return full
    }
}

import EventModel
import Ingest
import Windows

/// A decoded line's fields as strings, for assertions.
public typealias DecodedEvent = (tenant: String, type: String, session: String, ts: Int64)

/// Decodes one line and returns the event's fields or the reject reason.
public func decodeLine(_ text: String) -> DecodedEvent? { decodeBytes(Array(text.utf8)).event }

/// Decodes one line with the NDJSON decoder: the event, why it was rejected, or that it was blank.
public func decodeBytes(_ bytes: [UInt8]) -> (event: DecodedEvent?, reason: RejectReason?, blank: Bool) {
    let decoded = decodeMapped(bytes, EventMapping.standard)
    return (decoded.event, decoded.reason, decoded.blank)
}

/// Decodes one line under a mapping: the event and whether it is an error, why it was
/// rejected, or that it was blank.
public func decodeMapped(_ text: String, _ mapping: EventMapping) -> (event: DecodedEvent?, isError: Bool, reason: RejectReason?,
                                                                        blank: Bool)
{
    decodeMapped(Array(text.utf8), mapping)
}

public func decodeMapped(_ bytes: [UInt8], _ mapping: EventMapping) -> (event: DecodedEvent?, isError: Bool,
                                                                         reason: RejectReason?, blank: Bool)
{
    var decoder = EventLineDecoder(mapping: mapping)
    return decodeWith(&decoder, bytes)
}

/// Decodes `primers` and then `bytes` with one decoder (which learns the layouts of the lines it
/// decoded): the last line's outcome, as `decodeMapped` gives it.
public func decodeAfter(_ primers: [[UInt8]], _ bytes: [UInt8], _ mapping: EventMapping = .standard)
    -> (event: DecodedEvent?, isError: Bool, reason: RejectReason?, blank: Bool)
{
    var decoder = EventLineDecoder(mapping: mapping)
    for primer in primers { _ = decodeWith(&decoder, primer) }
    return decodeWith(&decoder, bytes)
}

/// One line through a given decoder.
public func decodeWith(_ decoder: inout EventLineDecoder, _ bytes: [UInt8])
    -> (event: DecodedEvent?, isError: Bool, reason: RejectReason?, blank: Bool)
{
    bytes.withUnsafeBufferPointer { buffer in
        // A zero-length line still needs a valid pointer.
        let base = buffer.baseAddress ?? UnsafePointer(bitPattern: 1)!
        switch decoder.decode(base, count: buffer.count) {
        case .event(let e):
            return ((String(decoding: e.tenant, as: UTF8.self), String(decoding: e.eventType, as: UTF8.self),
                     String(decoding: e.session, as: UTF8.self), e.ts), e.isError, nil, false)
        case .blank:
            return (nil, false, nil, true)
        case .rejected(let reason):
            return (nil, false, reason, false)
        }
    }
}

/// Feeds (tenant, type, ts ns) events to a processor, without sessions; as the default
/// mapping would, events of type `error` are errors.
public func feed(_ processor: inout StreamProcessor, _ events: [(String, String, Int64)]) {
    for (tenant, type, ts) in events {
        Array(tenant.utf8).withUnsafeBufferPointer { t in
            Array(type.utf8).withUnsafeBufferPointer { e in
                _ = processor.ingest(RawEvent(tenant: t, eventType: e, session: UnsafeBufferPointer(start: nil, count: 0),
                                              ts: ts, isError: type == "error"))
            }
        }
    }
}

/// A processor with default settings fed `count` events of each `(tenant, type, second, count)`
/// group, ts at the start of the second; its snapshot.
public func snapshot(_ groups: [(String, String, Int64, Int)], hopping: HoppingSpec? = nil) -> MetricsSnapshot {
    var processor = StreamProcessor(config: ProcessorConfig())
    for (tenant, type, second, count) in groups {
        feed(&processor, Array(repeating: (tenant, type, second * 1_000_000_000), count: count))
    }
    return processor.snapshot(hopping: hopping)
}

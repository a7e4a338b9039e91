import ArgumentParser
import EventModel
import Ingest

/// How lines become events (DESIGN §8), shared by `live` and `rollup`.
struct MappingArguments: ParsableArguments {
    @Option(name: .customLong("field"), help: ArgumentHelp(
        "Where a field is read: NAME=PATH, NAME one of tenant_id, event_type, ts, session_id; PATH a dot path (context.groupId, a\\.b, items[0].id). Repeatable.",
        valueName: "name=path"))
    var fields: [String] = []

    @Option(name: .customLong("error"), help: ArgumentHelp(
        "Which events are errors: PATH=V1|V2, PATH!=V, PATH>=N, PATH>N, PATH<=N, PATH<N (status>=500, level=error|fatal). Repeatable: any rule makes an error. Default event_type=error.",
        valueName: "rule"))
    var errors: [String] = []

    @Option(help: ArgumentHelp("Event types that count as errors, comma-separated (short for --error event_type=A|B).",
                               valueName: "types"))
    var errorTypes: String?

    @Option(help: ArgumentHelp("Unit of epoch timestamps: s, ms, us, ns, or auto (by magnitude: below 1e11 s, below 1e14 ms, below 1e17 us, else ns).",
                               valueName: "unit"))
    var tsUnit: String = "auto"

    func validate() throws {
        do { _ = try mapping() } catch { throw ValidationError(error.message) }
    }

    func mapping() throws(DataError) -> EventMapping {
        try EventMapping(fields: fields, errors: errors, errorTypes: errorTypes, tsUnit: tsUnit)
    }
}

import ArgumentParser

/// The `eventtop` command and its subcommands.
struct EventTop: ParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "eventtop",
        abstract: "Watch multi-tenant event streams live: htop for a product's event stream.",
        discussion: """
            Reads NDJSON events (tenant_id, event_type, ts, session_id), aggregates them over \
            rolling and hopping windows, and prints realtime_event_metrics rows.
            """,
        version: version,
        subcommands: [Live.self, Demo.self, Generate.self, Rollup.self, HistoryCommand.self, ParquetTool.self,
                      ConfigCommand.self]
    )
}

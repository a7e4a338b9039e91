import EventModel
@testable import Output
import Testing
import Windows

@Suite struct MetricsWriterTests {
    let rows = [
        WindowRow(tenant: "acme", eventType: "click", windowStart: 1_795_694_340, windowEnd: 1_795_694_400,
                  occurrences: 1234, lastEventTs: 1_795_694_399_500_000_000),
        WindowRow(tenant: "a,\"b\"", eventType: "e\u{1B}[31m", windowStart: 1_795_694_340, windowEnd: 1_795_694_400,
                  occurrences: 7, lastEventTs: 1_795_694_341_000_000_000),
    ]

    @Test func csvWritesItsHeaderOnceAndQuotes() {
        var writer = MetricsWriter(format: .csv)
        let first = writer.render(rows)
        #expect(first.hasPrefix("tenant_id,event_type,window_start_ts,window_end_ts,occurrences,last_event_ts\n"))
        #expect(first.contains("acme,click,2026-11-26T11:59:00Z,2026-11-26T12:00:00Z,1234,2026-11-26T11:59:59.500Z\n"))
        #expect(first.contains("\"a,\"\"b\"\"\",e\u{1B}[31m,"))
        #expect(!writer.render(rows).contains("tenant_id"))
    }

    @Test func ndjsonEscapesControlCharacters() {
        var writer = MetricsWriter(format: .ndjson)
        let lines = writer.render(rows).split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines[1].contains(#""tenant_id":"a,\"b\"","event_type":"e\u001b[31m""#))
    }

    @Test func tableShowsControlCharactersAsEscapesAndAlignsCounts() {
        var writer = MetricsWriter(format: .table)
        let text = writer.render(rows)
        #expect(!text.unicodeScalars.contains { $0.value == 0x1B })
        #expect(text.contains("e\\x1b[31m"))
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[1].contains(" 1234 ") && lines[2].contains("    7 "))
        // A later tick is set apart by a blank line.
        #expect(writer.render(rows).hasPrefix("\ntenant_id"))
    }
}

@Suite struct SummaryLineTests {
    @Test func namesEveryCountThatIsNotZero() {
        var stats = IngestStats()
        stats.accepted = 1234
        stats.rejected[.invalidJSON] = 2
        stats.rejected[.badTimestamp] = 3
        stats.late = 7
        #expect(SummaryLine.text(stats)
            == "1234 events accepted, 5 lines rejected (invalid_json 2, bad_timestamp 3); 7 late, 0 future")
        stats.folding = .init(tenantEvents: 9, tenants: 2, maxTenants: 5, typeEvents: 4, types: 1, maxTypes: 10)
        stats.history = .init(dropped: 1, daysWritten: 2, openDays: 3, heldEntries: 0, lastError: nil)
        #expect(SummaryLine.text(stats).hasSuffix(
            "; 7 late, 0 future, 9 events of 2 tenants folded into (other) (--max-tenants 5), "
                + "4 events of 1 event types folded into (other) (--max-types 10); "
                + "2 days written, 3 open, 1 dropped for closed days"))
        #expect(SummaryLine.rollup(accepted: 10, rejected: RejectCounts(), dates: 2, folder: "out")
            == "10 events accepted, 0 lines rejected; 2 dates written to out")
    }
}

/// Text from input in a table: nothing that moves the cursor or breaks the line (issue 10, case 11).
@Suite struct TextSanitizerTests {
    @Test func separatorsControlsAndBidiBecomeEscapes() {
        #expect(TextSanitizer.visible("a\u{2028}b\u{2029}c\u{85}d") == "a\\u{2028}b\\u{2029}c\\x85d")
        #expect(TextSanitizer.visible("\u{202E}evil\u{2066}") == "\\u{202e}evil\\u{2066}")
        #expect(TextSanitizer.visible("zero\u{200B}width\u{FEFF}") == "zero\\u{200b}width\\u{feff}")
        #expect(TextSanitizer.visible("日本 👩\u{200D}💻 café") == "日本 👩\u{200D}💻 café")
    }

    @Test func aTableKeepsOneLineARow() {
        var writer = MetricsWriter(format: .table)
        let row = WindowRow(tenant: "a\u{2028}b", eventType: "x\u{2029}y", windowStart: 0, windowEnd: 60, occurrences: 1,
                            lastEventTs: 0)
        let text = writer.render([row])
        #expect(text.split(separator: "\n").count == 2)
        #expect(!text.unicodeScalars.contains { $0.value == 0x2028 || $0.value == 0x2029 })
    }
}

import EventModel
import Testing

/// `date=` folder names as real writers make them (DESIGN §4, §11).
@Suite struct PartitionFolderTests {
    @Test func datesAndTheirCanonicalNames() {
        #expect(FactEventsDaily.date(ofFolder: "date=2026-10-05")?.description == "2026-10-05")
        #expect(FactEventsDaily.date(ofFolder: "date=2026-1-5")?.description == "2026-01-05")
        #expect(FactEventsDaily.canonicalDate(ofFolder: "date=2026-1-5") == nil)
        for bad in ["date=", "date=soon", "date=2026-02-30", "x=2026-10-05", "date=__HIVE_DEFAULT_PARTITION__"] {
            #expect(FactEventsDaily.date(ofFolder: bad) == nil, "\(bad)")
        }
    }

    /// A TIMESTAMP partition column: Spark escapes the colons, DuckDB the space too; the date is
    /// the date part, as CAST(date AS DATE) gives in both.
    @Test func timestampValuesAreTheirDatePart() {
        for name in ["date=2026-10-05 00%3A00%3A00", "date=2026-10-05%2000%3A00%3A00", "date=2026-10-05 00:00:00",
                     "date=2026-10-05T00%3A00%3A00", "date=2026-10-05 23%3a59%3a59.999999", "date=2026-10-05 13:30:00.5"] {
            #expect(FactEventsDaily.date(ofFolder: name)?.description == "2026-10-05", "\(name)")
            #expect(FactEventsDaily.canonicalDate(ofFolder: name) == nil, "\(name)")
        }
        for bad in ["date=2026-10-05 24%3A00%3A00", "date=2026-10-05 00%3A60%3A00", "date=2026-10-05 0:00:00",
                    "date=2026-10-05 00:00", "date=2026-10-05 00:00:00.", "date=2026-10-05 00:00:00+00",
                    "date=2026-10-05%2", "date=2026-10-05 ", "date=2026-02-30 00%3A00%3A00", "date= 00:00:00"] {
            #expect(FactEventsDaily.date(ofFolder: bad) == nil, "\(bad)")
        }
    }
}

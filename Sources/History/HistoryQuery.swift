import EventModel

/// One `eventtop history` run's reading: the dates of a range that the folder holds, each read
/// in the background, and everything that could not be read, named.
public struct HistoryQuery: Sendable {
    /// The dates read.
    public var days: [DayData] = []
    /// One line for each file that could not be placed and each date that could not be read.
    public var problems: [String] = []
    /// The folder holds no partitions at all.
    public var folderIsEmpty = false

    /// Lists `root` and reads the dates of `range` it has (on two threads). Throws when `root`
    /// cannot be listed; a bad file or date is a problem and the others are read.
    public static func load(root: String, range: CivilDateRange) throws(DataError) -> HistoryQuery {
        let catalog = try PartitionCatalog(root: root)
        var query = HistoryQuery()
        query.problems = catalog.problems.map(\.message)
        query.folderIsEmpty = catalog.isEmpty && catalog.problems.isEmpty
        let dates = range.dates.filter { catalog.files[$0] != nil || catalog.failedDates[$0] != nil }
        let loader = HistoryLoader(catalog: catalog, maxDays: max(1, dates.count), maxBytes: Int.max, workers: 2)
        let states = loader.load(dates)
        for date in dates {
            switch states[date] {
            case .loaded(let day): query.days.append(day)
            case .failed(let message): query.problems.append("\(date): \(message)")
            default: query.problems.append("\(date): not loaded")
            }
        }
        return query
    }
}

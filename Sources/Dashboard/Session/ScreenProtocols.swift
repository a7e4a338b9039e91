import Cells
import Windows

/// What the session draws on and reads keys from: the terminal, or a fake screen in tests.
public protocol DashboardScreen: AnyObject {
    /// Columns and rows now.
    var size: (width: Int, height: Int) { get }
    var charset: Charset { get }
    /// 0, 8, 16 or 256.
    var colorCount: Int { get }
    /// Shows a whole frame (the screen sends what changed).
    func draw(_ grid: CellGrid)
    /// The next key, waiting at most `timeoutMs`; nil when none came.
    func readKey(timeoutMs: Int) -> Key?
    /// Gives the terminal back. Idempotent.
    func close()
}

/// Where the session's numbers come from: the live engine, or a fake feed in tests.
public protocol SnapshotFeed: AnyObject {
    /// The latest snapshot taken, without waiting.
    var latest: MetricsSnapshot? { get }
    /// A snapshot taken after this call, waiting up to `timeoutMs`, or the latest one.
    func freshSnapshot(timeoutMs: Int) -> MetricsSnapshot?
    /// Which hopping window snapshots should carry.
    func setHopping(_ spec: HoppingSpec?)
    /// Which tenant's second-by-second detail snapshots should carry (the tenant view).
    func setDetail(_ tenant: String?)
    /// The input has ended (or failed).
    var isFinished: Bool { get }
    /// Why the input failed, if it did.
    var failureText: String? { get }
    /// Asks ingest to stop and waits until it has.
    func stopAndWait()
}

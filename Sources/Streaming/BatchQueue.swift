import Dispatch
import Synchronization

/// A bounded first-in first-out queue of batches between two threads.
final class BatchQueue: Sendable {
    private let items = Mutex<[DecodedBatch]>([])
    private let filled = DispatchSemaphore(value: 0)
    private let free: DispatchSemaphore

    init(capacity: Int) { free = DispatchSemaphore(value: capacity) }

    /// Adds a batch, waiting for room; gives up (false) when `cancelled` turns true.
    func push(_ batch: DecodedBatch, cancelled: () -> Bool) -> Bool {
        while free.wait(timeout: .now() + .milliseconds(50)) == .timedOut {
            if cancelled() { return false }
        }
        items.withLock { $0.append(batch) }
        filled.signal()
        return true
    }

    /// The oldest batch, waiting at most `timeoutMs`; nil when none came.
    func pop(timeoutMs: Int) -> DecodedBatch? {
        guard filled.wait(timeout: .now() + .milliseconds(timeoutMs)) == .success else { return nil }
        let batch = items.withLock { $0.removeFirst() }
        free.signal()
        return batch
    }
}

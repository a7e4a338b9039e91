import Dispatch
import Synchronization

/// A bounded first-in first-out queue between two threads.
final class HandoffQueue<Element: Sendable>: Sendable {
    private let items = Mutex<[Element]>([])
    private let filled = DispatchSemaphore(value: 0)
    private let free: DispatchSemaphore

    init(capacity: Int) { free = DispatchSemaphore(value: capacity) }

    /// Adds a batch, waiting for room; gives up (false) when `cancelled` turns true.
    func push(_ element: Element, cancelled: () -> Bool) -> Bool {
        while free.wait(timeout: .now() + .milliseconds(50)) == .timedOut {
            if cancelled() { return false }
        }
        items.withLock { $0.append(element) }
        filled.signal()
        return true
    }

    /// Whether a push would not wait.
    var hasRoom: Bool {
        guard free.wait(timeout: .now()) == .success else { return false }
        free.signal()
        return true
    }

    /// The oldest element, waiting at most `timeoutMs` (0: not at all); nil when none came.
    func pop(timeoutMs: Int) -> Element? {
        let deadline: DispatchTime = timeoutMs > 0 ? .now() + .milliseconds(timeoutMs) : .now()
        guard filled.wait(timeout: deadline) == .success else { return nil }
        let element = items.withLock { $0.removeFirst() }
        free.signal()
        return element
    }
}

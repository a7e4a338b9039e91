import Foundation

/// A bounded first-in first-out queue between two threads. A condition variable guards it, so
/// it may be dropped in any state (libdispatch traps when a semaphore is freed below its start
/// value, which a queue dropped while holding elements did: issue 10, case 7).
final class HandoffQueue<Element: Sendable>: @unchecked Sendable {
    // SAFETY: `items` is read and written only while `condition` is locked.
    private var items: [Element] = []
    private let condition = NSCondition()
    private let capacity: Int

    init(capacity: Int) { self.capacity = max(1, capacity) }

    /// Adds an element, waiting for room; gives up (false) when `cancelled` turns true.
    func push(_ element: Element, cancelled: () -> Bool) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while items.count >= capacity {
            if cancelled() { return false }
            _ = condition.wait(until: Date(timeIntervalSinceNow: 0.05))
        }
        items.append(element)
        condition.broadcast()
        return true
    }

    /// Whether a push would not wait.
    var hasRoom: Bool {
        condition.lock()
        defer { condition.unlock() }
        return items.count < capacity
    }

    /// The oldest element, waiting at most `timeoutMs` (0: not at all); nil when none came.
    func pop(timeoutMs: Int) -> Element? {
        condition.lock()
        defer { condition.unlock() }
        if items.isEmpty && timeoutMs > 0 {
            let deadline = Date(timeIntervalSinceNow: Double(timeoutMs) / 1000)
            while items.isEmpty && condition.wait(until: deadline) {}
        }
        guard !items.isEmpty else { return nil }
        let element = items.removeFirst()
        condition.broadcast()
        return element
    }
}

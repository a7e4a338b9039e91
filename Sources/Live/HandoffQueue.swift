import Foundation

/// A bounded first-in first-out queue between two threads. A condition variable guards it, so
/// it may be dropped in any state (libdispatch traps when a semaphore is freed below its start
/// value, which a queue dropped while holding elements did: issue 10, case 7). Waits block on
/// the condition; nothing polls.
final class HandoffQueue<Element: Sendable>: @unchecked Sendable {
    // SAFETY: `items`, `closed` and `poked` are read and written only while `condition` is locked.
    private var items: [Element] = []
    private var closed = false
    private var poked = false
    private let condition = NSCondition()
    private let capacity: Int

    init(capacity: Int) { self.capacity = max(1, capacity) }

    /// Adds an element, waiting for room; false once the queue is closed.
    func push(_ element: Element) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while items.count >= capacity && !closed { condition.wait() }
        if closed { return false }
        items.append(element)
        condition.broadcast()
        return true
    }

    /// The oldest element, waiting for one until `deadline` (nil: no waiting); nil when none
    /// came in time, or when `poke` or `close` cut the wait short.
    func pop(until deadline: Date?) -> Element? {
        condition.lock()
        defer { condition.unlock() }
        if let deadline {
            while items.isEmpty && !poked && !closed && condition.wait(until: deadline) {}
        }
        poked = false
        guard !items.isEmpty else { return nil }
        let element = items.removeFirst()
        condition.broadcast()
        return element
    }

    /// The oldest element, waiting as long as it takes; nil once the queue is closed and empty.
    func popWaiting() -> Element? {
        condition.lock()
        defer { condition.unlock() }
        while items.isEmpty && !closed { condition.wait() }
        guard !items.isEmpty else { return nil }
        let element = items.removeFirst()
        condition.broadcast()
        return element
    }

    /// Ends the current (or next) wait in `pop` early: something else needs the popping thread.
    func poke() {
        condition.lock()
        poked = true
        condition.broadcast()
        condition.unlock()
    }

    /// Refuses further pushes and wakes every waiter.
    func close() {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
    }
}

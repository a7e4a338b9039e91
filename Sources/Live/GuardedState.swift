import Foundation

/// A value shared between threads behind a lock, with waits that block until a change makes
/// them true (a condition variable, not a sleep loop).
final class GuardedState<State>: @unchecked Sendable {
    // SAFETY: `state` is read and written only while `condition` is locked.
    private var state: State
    private let condition = NSCondition()

    init(_ state: State) { self.state = state }

    /// Changes the state something may wait for (`wait`); waiters are woken after it.
    func withLock<R>(_ body: (inout State) -> R) -> R {
        condition.lock()
        defer {
            condition.broadcast()
            condition.unlock()
        }
        return body(&state)
    }

    /// Reads the state, or changes what no one waits for, without waking the waiters: a
    /// thread looking at a flag between chunks must not wake a thread waiting for the end.
    func quietly<R>(_ body: (inout State) -> R) -> R {
        condition.lock()
        defer { condition.unlock() }
        return body(&state)
    }

    /// Waits until `ready` gives a value or `deadline` passes (nil: never); then gives what
    /// `ready` says at that moment.
    func wait<R>(until deadline: Date?, _ ready: (State) -> R?) -> R? {
        condition.lock()
        defer { condition.unlock() }
        while true {
            if let value = ready(state) { return value }
            if let deadline {
                if !condition.wait(until: deadline) { return ready(state) }
            } else {
                // NSCondition.wait(until: .distantFuture) traps: wait without a deadline.
                condition.wait()
            }
        }
    }
}

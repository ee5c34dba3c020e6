import Foundation

/// A value shared between event-loop threads and callers, changed only
/// under its lock. `@unchecked` because the lock, not the type system, is
/// what makes access safe; the value never escapes `withLock`.
final class Protected<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) { self.value = value }

    func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}

import Dispatch

/// Result slots written concurrently, one slot per iteration: no two threads
/// ever touch the same element, which is what makes the unchecked sendability sound.
private final class Slots<R>: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<R?>
    let count: Int

    init(count: Int) {
        self.count = count
        pointer = .allocate(capacity: count)
        pointer.initialize(repeating: nil, count: count)
    }

    deinit {
        pointer.deinitialize(count: count)
        pointer.deallocate()
    }
}

/// Maps over `items` on all cores, keeping the order.
func parallelMap<T: Sendable, R: Sendable>(_ items: [T], _ transform: @Sendable (T) -> R) -> [R] {
    if items.count <= 1 { return items.map(transform) }
    let slots = Slots<R>(count: items.count)
    DispatchQueue.concurrentPerform(iterations: items.count) { index in
        slots.pointer[index] = transform(items[index])
    }
    return (0..<items.count).compactMap { slots.pointer[$0] }
}

import Synchronization

/// Counts units of work (scalars the sanitiser reads) done by the task that set it, so that a
/// test can show a cost is linear in its input by comparing counts, which a busy machine
/// cannot disturb, instead of times. Nil, and nothing counted, everywhere else.
public final class WorkCount: Sendable {
    /// The counter of the current task, set with `WorkCount.$current.withValue(_:)`.
    @TaskLocal public static var current: WorkCount?

    private let total = Atomic<Int>(0)

    public init() {}

    /// Work counted so far.
    public var value: Int { total.load(ordering: .relaxed) }

    func add(_ amount: Int) {
        total.add(amount, ordering: .relaxed)
    }
}

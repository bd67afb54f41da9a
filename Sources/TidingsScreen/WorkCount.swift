import Synchronization

/// Counts units of work done by the task that set it: scalars the sanitiser reads
/// (``value``) and characters wrapped into lines (``laidOut``), so that a test can show a cost
/// is linear in its input, or bounded by the screen, by comparing counts, which a busy machine
/// cannot disturb, instead of times. Nil, and nothing counted, everywhere else.
public final class WorkCount: Sendable {
    /// The counter of the current task, set with `WorkCount.$current.withValue(_:)`.
    @TaskLocal public static var current: WorkCount?

    private let total = Atomic<Int>(0)
    private let wrapped = Atomic<Int>(0)

    public init() {}

    /// Work counted so far.
    public var value: Int { total.load(ordering: .relaxed) }

    /// Characters wrapped so far (``TextLayout/wrapWithOffsets(_:width:)``).
    public var laidOut: Int { wrapped.load(ordering: .relaxed) }

    func add(_ amount: Int) {
        total.add(amount, ordering: .relaxed)
    }

    func addLaidOut(_ amount: Int) {
        wrapped.add(amount, ordering: .relaxed)
    }
}

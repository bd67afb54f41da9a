/// Tells a run of keys (holding `j`: auto-repeat sends one every 25–40 ms) from keys pressed
/// one at a time, so that the session can put off loading the article pane's post until the
/// run ends: the list moves on every key, the article is drawn once.
///
/// Plain data over instants the session passes in, so it is tested without a clock.
struct KeyPacing {
    /// Keys closer together than this are one run. Above auto-repeat's interval (and an SSH
    /// link's jitter), below the pause of a reader pressing keys one by one.
    static let runGap: Duration = .milliseconds(100)

    /// When the last key arrived.
    private(set) var lastKey: ContinuousClock.Instant?
    /// Whether the key being handled came within ``runGap`` of the one before it: its
    /// article is put off (the first key of a run is not, so a single key shows it at once).
    private(set) var isInRun = false

    /// A key (or a wheel turn) arrived at `now`.
    mutating func keyArrived(at now: ContinuousClock.Instant) {
        isInRun = lastKey.map { $0.duration(to: now) < Self.runGap } ?? false
        lastKey = now
    }

    /// The run is over (input has been quiet for ``runGap``): what is put off may load.
    mutating func endRun() { isInRun = false }

    /// When input will have been quiet for ``runGap``, if a key came at all.
    var quietAt: ContinuousClock.Instant? { lastKey.map { $0 + Self.runGap } }
}

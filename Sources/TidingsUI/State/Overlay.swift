/// A window drawn over the browser that takes the keys while it is open.
public enum Overlay: Hashable, Sendable {
    /// The key help, scrolled down by `scroll` lines.
    case help(scroll: Int)
    /// The list picker (`t`): tags, authors and outlets to open as a tab.
    case picker(PickerState)
}

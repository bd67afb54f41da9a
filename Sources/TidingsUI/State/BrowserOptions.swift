/// Whether the story pane follows the list's selection or waits until a post is opened.
///
/// The raw value is the word of `--preview` and of the config file's `[layout] preview`.
public enum PreviewMode: String, CaseIterable, Hashable, Sendable {
    /// The story pane shows the selected headline's post as the selection moves (the default).
    case follow
    /// The story pane changes only when a post is opened (Enter and the other open keys) or
    /// while it has the keys; moving through the list redraws the list alone, a few hundred
    /// bytes a key instead of a whole article, for slow links.
    case onEnter = "on-enter"
}

/// How the browser behaves, as the command line (or the config file) chose: the one value the
/// browse command hands to the session.
public struct BrowserOptions: Equatable, Sendable {
    public var preview: PreviewMode
    /// Whether the terminal is asked to report the mouse (wheel, clicks). Off by default: while
    /// a program takes the mouse, the terminal's own text selection needs a modifier key.
    public var mouse: Bool

    public init(preview: PreviewMode = .follow, mouse: Bool = false) {
        self.preview = preview
        self.mouse = mouse
    }

    /// The browser as it has always been: the preview follows, no mouse.
    public static let standard = BrowserOptions()
}

import TidingsUI

/// What a config file says, as plain values: the browser's settings and the two reader
/// choices the browse command passes on.
public struct Configuration: Equatable, Sendable {
    public var settings: BrowserSettings
    /// `[layout] preview`: `follow` (the default) or `on-enter`; `--preview` wins over it.
    public var preview: PreviewMode
    /// `[layout] mouse`: off unless the file turns it on.
    public var mouse: Bool

    public init(settings: BrowserSettings = .standard, preview: PreviewMode = .follow, mouse: Bool = false) {
        self.settings = settings
        self.preview = preview
        self.mouse = mouse
    }

    /// No file: the browser as it has always been.
    public static let standard = Configuration()
}

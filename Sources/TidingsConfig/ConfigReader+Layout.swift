import TOMLKit
import TidingsUI

extension ConfigReading {
    /// The keys of `[layout]`, in the order `tidings config` writes them.
    static let layoutKeys = ["side-by-side-width", "list-width", "article-width", "date-format", "preview", "mouse"]

    /// `[layout]`: pane arrangement, the story's line width, dates, the preview and the mouse.
    mutating func readLayout(_ table: TOMLTable, into configuration: inout Configuration) {
        var layout = LayoutSettings.standard
        for (name, value) in table {
            let path = ["layout", name]
            switch name {
            case "side-by-side-width":
                if let n = expectInt(value, at: path, in: LayoutSettings.sideBySideWidthRange) {
                    layout.sideBySideWidth = n
                }
            case "list-width":
                if let n = expectInt(value, at: path, in: LayoutSettings.listPercentRange) { layout.listPercent = n }
            case "article-width":
                // 0 means no cap, so that a starting file can show the key with its default.
                if value.int == 0 {
                    layout.articleWidth = nil
                } else if let n = expectInt(value, at: path, in: LayoutSettings.articleWidthRange) {
                    layout.articleWidth = n
                }
            case "date-format":
                guard let pattern = expectString(value, at: path) else { continue }
                guard let format = DateFormat(pattern: pattern) else {
                    fail(
                        atValue: path,
                        "date format \"\(pattern)\" is not usable: it may use %Y %y %m %d %e %b and %%, must use one "
                            + "of them, and be at most 20 characters")
                    continue
                }
                layout.dateFormat = format
            case "preview":
                guard let word = expectString(value, at: path) else { continue }
                guard let mode = PreviewMode(rawValue: word) else {
                    fail(atValue: path, "preview is \"\(word)\"; it must be \"follow\" or \"on-enter\"")
                    continue
                }
                configuration.preview = mode
            case "mouse":
                if let on = expectBool(value, at: path) { configuration.mouse = on }
            default:
                unknownKey(name, at: path, among: Self.layoutKeys)
            }
        }
        configuration.settings.layout = layout
    }
}

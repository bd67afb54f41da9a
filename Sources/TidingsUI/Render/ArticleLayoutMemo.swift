import TidingsCore

/// The article pane's last layout, kept across frames.
///
/// Laying out an article is linear in its length, and the renderer and the reducer (paging,
/// scroll limits, match jumps) ask for it on every frame and key: a 1 MB post would cost
/// every frame as much as its first. The layout depends only on what ``Key`` holds, so the
/// one made for the last key is reused while the key is unchanged; a frame that only scrolls
/// then costs what the screen shows. Comparing keys is cheap when nothing changed: arrays and
/// strings compare equal at once when they share storage, which the state's copies do.
///
/// It is a memo, not state: every copy of a state shares it, and two states are equal
/// whatever it holds (its `==` is always true), so the state stays plain data.
public struct ArticleLayoutMemo: Equatable, Sendable {
    /// Everything a layout depends on.
    struct Key: Equatable, Sendable {
        /// The loaded article, or nil for the loading placeholder.
        var article: Article?
        /// The placeholder's headline.
        var loadingTitle: String?
        var query: SearchQuery?
        var width: Int
    }

    private final class Storage: Sendable {
        let last = Locked<(key: Key, layout: ArticleLayout)?>(nil)
    }

    private let storage = Storage()

    public init() {}

    /// The layout for `key`: the kept one when the key is unchanged, else `make()`'s, kept.
    func layout(for key: Key, make: () -> ArticleLayout) -> ArticleLayout {
        if let kept = storage.last.withLock({ $0 }), kept.key == key { return kept.layout }
        let layout = make()
        storage.last.withLock { $0 = (key, layout) }
        return layout
    }

    public static func == (lhs: Self, rhs: Self) -> Bool { true }
}

/// Keys that reach the web: updating the sources (`R`) and a story's link (`o`, `y`).
extension AppState {
    /// `R`: one background update at a time; the status line follows it.
    mutating func startUpdate() -> [Effect] {
        guard !isUpdatingSources else {
            message = "Already updating the web sources…"
            return []
        }
        isUpdatingSources = true
        message = "Updating web sources…"
        return [.updateSources]
    }

    /// The update's end: say what came, and reload the tab counts and the rows on screen so
    /// new posts appear in their tabs (the selection keeps its place: new posts come later in
    /// archive order).
    mutating func finishUpdate(newPosts: Int, sources: Int, failures: [String]) -> [Effect] {
        isUpdatingSources = false
        guard sources > 0 else {
            message = "No web sources yet: add one with `tidings fetch URL`"
            return []
        }
        var text = newPosts == 0 ? "No new posts" : "\(newPosts) new post\(newPosts == 1 ? "" : "s")"
        if let first = failures.first {
            text +=
                failures.count == 1
                ? "; 1 source failed: \(first)" : "; \(failures.count) sources failed, first: \(first)"
        }
        message = text
        guard newPosts > 0 else { return [] }
        refreshList()
        return [.loadTabs]
    }

    /// `o` and `y`: the link of the story on screen, once it is loaded.
    mutating func useLink(copying: Bool) -> [Effect] {
        guard let selected = list.selected else { return [] }
        guard let loaded = article.current, loaded.id == selected.id else {
            message = "The story is still loading"
            return []
        }
        guard let url = loaded.url else {
            message = "This story has no web link (it came from a text archive)"
            return []
        }
        return [copying ? .copyLink(url: url) : .openLink(url: url)]
    }
}

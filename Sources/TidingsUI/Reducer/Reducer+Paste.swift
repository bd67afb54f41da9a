import TidingsScreen

/// Pastes the terminal marked as such (bracketed paste).
extension AppState {
    /// Most characters the picker's filter takes from one paste: it matches names, and a
    /// name is short.
    static let pickerFilterLimit = 200

    /// Puts `text` into the line that has the keys: the search line (one edit, hence one
    /// search) or the picker's filter. Anywhere else the paste is refused with a message:
    /// pasted text is never taken as keys, so a `q` in it does not quit and an `A` does not
    /// mark a tab read.
    mutating func paste(_ text: String) {
        if case .picker(var picker) = overlay {
            let clean = Sanitizer.clean(text)
            let room = max(0, Self.pickerFilterLimit - picker.filter.count)
            picker.filter += String(clean.prefix(room))
            picker.selection = 0
            overlay = .picker(picker)
            if clean.count > room {
                message = "The filter holds \(Self.pickerFilterLimit) characters; the rest was dropped"
            }
            return
        }
        if confirmingMarkRead != nil {
            // The question wanted one key; a paste is not `y`.
            confirmingMarkRead = nil
            message = "Nothing marked"
            return
        }
        if overlay == nil, var prompt {
            // The `:` prompt takes a paste as typed text (cleaned by its line), never as keys.
            if !prompt.line.insert(text) {
                message = "The prompt holds \(SearchLine.maximumLength) characters; the rest was dropped"
            }
            prompt.candidates = []
            self.prompt = prompt
            return
        }
        if overlay == nil, isEditingSearch {
            typeIntoSearchLine(text)
            return
        }
        let search = keyTable.label(of: .search) ?? "/"
        message = "Paste ignored: press \(search) to search, then paste"
    }
}

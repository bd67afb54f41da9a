import ArgumentParser
import TidingsCore

extension ValidationError {
    /// Refuses an option's path that holds bytes that are not UTF-8 (``RawPath``), for the
    /// options whose files are opened or named as UTF-8 text: such a path would name another
    /// file. `advice` ends the message, after "the path is not UTF-8 text".
    static func requireUTF8(_ path: String?, option: String, advice: String) throws {
        guard let path, RawPath.hasRawBytes(path) else { return }
        throw ValidationError("\(option) \(RawPath.displayed(path)): the path is not UTF-8 text\(advice)")
    }
}

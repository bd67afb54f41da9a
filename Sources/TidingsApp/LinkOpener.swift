import Foundation

/// Decides how `o` opens a story's link: with the reader's browser, or by copying it.
///
/// The rule, in order (also in the help and the README):
/// 1. `$BROWSER`, when set: the reader's own choice, also over SSH (w3m, lynx). It may list
///    several commands separated by `:`; the first one found on `PATH` is used. `%s` in it is
///    replaced by the link, else the link is the last argument. No shell is involved, so
///    nothing in a link can become a command.
/// 2. `xdg-open`, when there is a display (`DISPLAY` or `WAYLAND_DISPLAY`) and it is on `PATH`.
/// 3. Otherwise (over SSH with no display, or no opener at all) the link is copied with
///    OSC 52, which reaches the reader's own machine.
///
/// Only `http` and `https` links are opened: a feed may name any scheme (`file:`,
/// `javascript:`), and the reader did not ask for those to run.
public struct LinkOpener: Sendable {
    /// What to do with a link.
    public enum Plan: Equatable, Sendable {
        /// Run this program with these arguments, the terminal handed over.
        case run([String])
        /// Copy the link instead, saying why on the status line.
        case copy(reason: String)
        /// Neither: the link is not a web address.
        case refuse(reason: String)
    }

    let environment: [String: String]
    let isExecutable: @Sendable (String) -> Bool

    public init(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        isExecutable: @escaping @Sendable (String) -> Bool = { FileManager.default.isExecutableFile(atPath: $0) }
    ) {
        self.environment = environment
        self.isExecutable = isExecutable
    }

    /// The plan for `link`.
    public func plan(for link: String) -> Plan {
        guard let scheme = link.split(separator: ":", maxSplits: 1).first?.lowercased(),
            scheme == "http" || scheme == "https", URL(string: link)?.host != nil
        else {
            return .refuse(reason: "not a web link, so not opened")
        }
        if let browser = environment["BROWSER"], !browser.trimmingCharacters(in: .whitespaces).isEmpty {
            for command in browser.split(separator: ":") {
                let words = command.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
                guard let program = words.first, locate(program) != nil else { continue }
                let substituted = words.contains { $0.contains("%s") }
                let arguments = words.map { $0.replacingOccurrences(of: "%s", with: link) }
                return .run(substituted ? arguments : arguments + [link])
            }
            return .copy(reason: "no program of $BROWSER was found")
        }
        let display = [environment["DISPLAY"], environment["WAYLAND_DISPLAY"]].contains { !($0 ?? "").isEmpty }
        guard display else { return .copy(reason: "no display here") }
        guard locate("xdg-open") != nil else { return .copy(reason: "no xdg-open here") }
        return .run(["xdg-open", link])
    }

    /// The program's path: itself when it has a slash, else the first match on `PATH`.
    func locate(_ program: String) -> String? {
        if program.contains("/") { return isExecutable(program) ? program : nil }
        let path = environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for folder in path.split(separator: ":") where !folder.isEmpty {
            let candidate = "\(folder)/\(program)"
            if isExecutable(candidate) { return candidate }
        }
        return nil
    }
}

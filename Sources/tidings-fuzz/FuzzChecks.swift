import Foundation
import TidingsCore
import TidingsLibrary
import TidingsTestSupport
import TidingsUI
import TidingsWeb

/// The fuzzer's targets on top of the shared checks (``ParserSelfCheck``,
/// ``SearchSelfCheck``, ``WebSelfCheck``, ``HighlightSelfCheck``, ``PasteSelfCheck``), which the regression tests run too: the libFuzzer build traps on a
/// failure so that libFuzzer keeps the input; the replay build reports it.
enum FuzzChecks {
    /// Parses `bytes` as an archive page; traps when the page is inconsistent.
    static func parser(_ bytes: [UInt8]) {
        if let failure = ParserSelfCheck.failure(parsing: bytes) { fatalError(failure) }
    }

    /// Reads `bytes` as a web page or feed; traps when the result is inconsistent.
    static func web(_ bytes: [UInt8]) {
        if let failure = WebSelfCheck.failure(reading: bytes) { fatalError(failure) }
    }

    /// Runs `bytes` (as UTF-8, invalid sequences replaced) as a search; returns what failed.
    /// Thorough for the replay; quick for the fuzzer, for speed.
    static func query(_ bytes: [UInt8], in library: Library, thorough: Bool = true) -> String? {
        SearchSelfCheck.failure(
            searching: String(decoding: bytes, as: UTF8.self), in: library,
            depth: thorough ? .thorough : .quick)
    }

    /// The highlight target (the first line is the query, the rest the text; inputs over
    /// 16 KB are cut, to keep executions fast) and the paste target (the whole input pasted).
    static func check(_ target: FuzzTarget, _ bytes: [UInt8]) -> String? {
        let input = String(decoding: bytes.prefix(16_384), as: UTF8.self)
        switch target {
        case .highlight:
            let parts = input.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false)
            return HighlightSelfCheck.failure(text: parts.count > 1 ? String(parts[1]) : "", query: String(parts[0]))
        case .paste:
            return PasteSelfCheck.failure(pasting: input)
        case .parser, .query, .web:
            return nil
        }
    }

    /// A fresh library in a temporary folder, seeded with ``SearchSelfCheck/seedPage``.
    static func seededLibrary() -> Library {
        let folder = NSTemporaryDirectory() + "tidings-fuzz-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            return try SearchSelfCheck.seededLibrary(at: folder + "/library.sqlite")
        } catch {
            fatalError("cannot seed the fuzz library in \(folder): \(error)")
        }
    }
}

import Foundation

/// Finds the sample archive that ships in the repository's `data/` folder.
///
/// Looked for, in order: `$TIDINGS_SAMPLE`, `./data` in the working directory, then `data/`
/// beside a `Package.swift` in the executable's folder or any folder above it (so
/// `swift run tidings` and `.build/debug/tidings` both find it from anywhere in the checkout).
public enum SampleArchive {
    /// The folder holding the sample's `.txt` pages, or nil when none is found.
    public static func locate(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        executable: String = CommandLine.arguments.first ?? ""
    ) -> String? {
        let manager = FileManager.default
        func hasPages(_ folder: String) -> Bool {
            ((try? manager.contentsOfDirectory(atPath: folder)) ?? []).contains { $0.hasSuffix(".txt") }
        }
        if let explicit = environment["TIDINGS_SAMPLE"], !explicit.isEmpty {
            return hasPages(explicit) ? explicit : nil
        }
        let here = manager.currentDirectoryPath + "/data"
        if hasPages(here), manager.fileExists(atPath: manager.currentDirectoryPath + "/Package.swift") { return here }
        var folder = URL(fileURLWithPath: executable).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<8 {
            let candidate = folder.appendingPathComponent("data").path
            if hasPages(candidate), manager.fileExists(atPath: folder.appendingPathComponent("Package.swift").path) {
                return candidate
            }
            folder.deleteLastPathComponent()
        }
        return hasPages(here) ? here : nil
    }
}

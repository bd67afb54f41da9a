import Foundation
import Glibc

/// Finds the package's built executables (`tidings`), which SwiftPM puts beside the test
/// bundle in `.build/<triple>/debug/` when the test target depends on them.
enum BuiltProducts {
    /// The executable not found anywhere; lists where we looked.
    struct Missing: Error, CustomStringConvertible {
        var name: String
        var searched: [String]
        var description: String {
            "built executable '\(name)' not found; looked in:\n" + searched.joined(separator: "\n")
        }
    }

    /// The absolute path of the built executable `name`.
    ///
    /// Looks beside the running test binary first (so a custom `--scratch-path` works),
    /// then in `<package>/.build/debug` found from `filePath`. The environment variable
    /// `TIDINGS_BUILT_PRODUCTS`, if set, names the directory to use instead.
    static func executable(named name: String, filePath: String = #filePath) throws -> String {
        let directories = candidateDirectories(filePath: filePath)
        for directory in directories {
            let candidate = directory + "/" + name
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate, isDirectory: &isDirectory),
                !isDirectory.boolValue, access(candidate, X_OK) == 0
            {
                return URL(fileURLWithPath: candidate).standardizedFileURL.path
            }
        }
        throw Missing(name: name, searched: directories)
    }

    /// Where built products may be, best guess first.
    static func candidateDirectories(filePath: String = #filePath) -> [String] {
        if let override = ProcessInfo.processInfo.environment["TIDINGS_BUILT_PRODUCTS"], !override.isEmpty {
            return [override]
        }
        var directories: [String] = []
        // On Linux the test "bundle" is the executable `<Package>PackageTests.xctest`
        // itself; on macOS it is a directory inside the products directory.
        for path in [Bundle.main.executablePath, Bundle.main.bundlePath, CommandLine.arguments.first]
            .compactMap({ $0 })
        {
            var url = URL(fileURLWithPath: path).resolvingSymlinksInPath()
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory),
                isDirectory.boolValue, !url.path.contains(".xctest")
            {
                directories.append(url.path)
                continue
            }
            // Climb out of `X.xctest/Contents/MacOS/X` on macOS.
            while url.pathComponents.count > 1 {
                url.deleteLastPathComponent()
                if !url.path.contains(".xctest") { break }
            }
            directories.append(url.path)
        }
        // Fall back to the package's own .build directory, found from this file's path.
        var url = URL(fileURLWithPath: filePath).deletingLastPathComponent()
        while url.pathComponents.count > 1 {
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) {
                directories.append(url.appendingPathComponent(".build/debug").path)
                directories.append(url.appendingPathComponent(".build/release").path)
                break
            }
            url.deleteLastPathComponent()
        }
        var seen = Set<String>()
        return directories.filter { seen.insert($0).inserted }
    }
}

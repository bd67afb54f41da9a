import Foundation

/// Runs the real `tidings` binary against a private library in a scratch folder.
struct CLI {
    let scratch: ScratchDirectory
    var library: String { scratch.file("library.sqlite") }

    /// The repository root, found from this file's path.
    static let repository: String = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path

    init() throws {
        scratch = try ScratchDirectory(prefix: "tidings-cli")
    }

    /// The environment every run gets: a private HOME so nothing touches the user's library.
    var environment: [String: String] {
        [
            "HOME": scratch.path, "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
            "LANG": "C.UTF-8", "TIDINGS_LIBRARY": library,
        ]
    }

    /// Runs `tidings ARGS` and returns its result.
    func run(
        _ arguments: String..., environment extra: [String: String] = [:], in directory: String? = nil
    )
        async throws -> ProcessResult
    {
        try await ProcessRunner.run(
            try BuiltProducts.executable(named: "tidings"), arguments: arguments,
            environment: environment.merging(extra) { _, new in new },
            workingDirectory: directory ?? scratch.path, timeout: .seconds(120))
    }

    /// Runs `tidings ARGUMENTS` given as an array.
    func run(arguments: [String], environment extra: [String: String] = [:]) async throws -> ProcessResult {
        try await ProcessRunner.run(
            try BuiltProducts.executable(named: "tidings"), arguments: arguments,
            environment: environment.merging(extra) { _, new in new },
            workingDirectory: scratch.path, timeout: .seconds(120))
    }

    /// Writes an archive page into the scratch folder and returns its path.
    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        let path = scratch.file(name)
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }
}

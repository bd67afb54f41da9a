import Foundation
import Glibc
import Testing

/// Issue 16's import points: what is not a regular file is skipped and named, never read;
/// a wait for another import's lock is said; unreadable paths say why in words.
@Suite struct HostileImportTests {
    let page = """
        Category: Economy

        Ferry service resumes across the Yalu

        Posted on May 10, 2019 by Jane Holloway

        Boats crossed again on Monday after a winter pause.

        [Reuters]

        """

    /// Before: `import` of a FIFO blocked for ever in `open()` (and held the import lock).
    @Test func fifosAndDevicesAreSkippedWithAWarningNotRead() async throws {
        let cli = try CLI()
        try cli.write("archive/good.txt", page)
        let fifo = cli.scratch.file("archive/pipe.txt")
        try #require(mkfifo(fifo, 0o600) == 0)
        let named = cli.scratch.file("named.txt")
        try #require(mkfifo(named, 0o600) == 0)
        let result = try await cli.run("import", cli.scratch.file("archive"), named, "/dev/zero")
        #expect(result.standardOutput.contains("1 new"), "\(result)")
        for path in [fifo, named, "/dev/zero"] {
            #expect(
                result.standardError.contains(
                    "\(path): warning: not a regular file (a pipe, device or socket): skipped"),
                "\(path): \(result)")
        }
    }

    /// Before: a subdirectory named `x.txt` and a symbolic link loop gave
    /// "(NSCocoaErrorDomain error 256.)".
    @Test func unreadablePathsSayWhyInWords() async throws {
        let cli = try CLI()
        try cli.write("archive/good.txt", page)
        try FileManager.default.createDirectory(
            atPath: cli.scratch.file("archive/folder.txt"), withIntermediateDirectories: true)
        try cli.write("archive/folder.txt/inner.txt", page.replacingOccurrences(of: "Ferry", with: "Barge"))
        let loop = cli.scratch.file("archive/loop.txt")
        try #require(symlink(loop, loop) == 0)
        let result = try await cli.run("import", cli.scratch.file("archive"), loop)
        #expect(!result.standardError.contains("NSCocoaErrorDomain"), "\(result)")
        #expect(result.standardError.contains("\(loop): error: too many levels of symbolic links"), "\(result)")
        #expect(
            result.standardError.contains("\(loop): warning: too many levels of symbolic links: skipped"), "\(result)")
        #expect(result.standardOutput.contains("2 new"), "the folder named folder.txt is walked into: \(result)")
    }

    /// Before: a second import waited silently behind the first one's lock.
    @Test func waitingForAnotherImportIsSaid() async throws {
        let cli = try CLI()
        let file = try cli.write("good.txt", page)
        let lock = open(cli.library + "-import.lock", O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        try #require(lock >= 0 && flock(lock, LOCK_EX) == 0)
        let child = try ChildProcess.spawn(
            executable: try BuiltProducts.executable(named: "tidings"), arguments: ["import", file],
            environment: cli.environment, standardOutput: cli.scratch.file("import.out"),
            standardError: cli.scratch.file("import.err"))
        // Held until the child says it waits (however long a loaded machine takes to get there).
        let deadline = ContinuousClock.now + .seconds(300)  // a child may take long to start on a loaded machine
        var said = ""
        while ContinuousClock.now < deadline, try child.poll() == nil {
            said = String(
                decoding: FileManager.default.contents(atPath: cli.scratch.file("import.err")) ?? Data(), as: UTF8.self)
            if said.contains("waiting") { break }
            try await Task.sleep(for: .milliseconds(20))
        }
        flock(lock, LOCK_UN)
        close(lock)
        let ended = try DataSafetyTests.wait(child)
        #expect(ended.exitCode == 0, "\(ended)")
        #expect(said.contains("waiting for another import into \(cli.library) to finish"), "\(said)")
        // Without a holder nothing is said.
        let again = try await cli.run("import", file)
        #expect(!again.standardError.contains("waiting"), "\(again)")
    }
}

import Foundation
import Glibc
import Testing
import TidingsLibrary

extension DataSafetyTests {
    /// One file of 9,000 posts is stored in slices of 4,000, each committed: killed after the
    /// first slice is committed and before the last, the library is sound and the next import
    /// completes the file (the source row does not claim the file until its last slice).
    /// One page of `posts` stories numbered from `first`, in one file.
    static func largePage(posts: Int, first: Int = 0) -> String {
        var text = "Category: Bulk\n\n"
        for n in first..<(first + posts) {
            text += "Story number \(n)\n\nPosted on 2020-01-01 by Writer \(n % 17)\n\n"
            text += "Body of story \(n), some words about it.\n\n[Outlet \(n % 5)]\n\n"
        }
        return text
    }

    /// Two imports of the same changed large file at once: each replaces the file a slice at
    /// a time, so without the import lock the second would move the first's new rows aside
    /// and write over their positions. Both must succeed and leave what one import leaves.
    @Test func twoImportsOfAChangedLargeFileAtOnceLeaveWhatOneLeaves() async throws {
        let cli = try CLI()
        defer { cli.scratch.remove() }
        let file = try cli.write("big.txt", Self.largePage(posts: 9_000))
        #expect(try await cli.run("import", file).status == 0)
        // The file changes: 2,000 stories go, 2,000 new ones come.
        try cli.write("big.txt", Self.largePage(posts: 9_000, first: 2_000))
        let tidings = try BuiltProducts.executable(named: "tidings")
        let imports = try (0..<2).map { index in
            try ChildProcess.spawn(
                executable: tidings, arguments: ["import", file], environment: cli.environment,
                standardOutput: cli.scratch.file("i\(index).out"), standardError: cli.scratch.file("i\(index).err"))
        }
        for (index, child) in imports.enumerated() {
            let ended = try DataSafetyTests.wait(child)
            #expect(
                ended.exitCode == 0,
                "import \(index + 1): \(ended) \(BurstOutput.text(cli.scratch.file("i\(index).err")))")
        }
        let state = try DataSafetyTests.state(cli.library)
        #expect(state.sound, "\(state)")
        #expect(state.posts == 9_000, "\(state.posts) posts after two imports of a 9,000-post file")
        let library = try Library(path: cli.library)
        #expect(try library.posts().contains { $0.title == "Story number 10999" })
        #expect(try !library.posts().contains { $0.title == "Story number 0" })
        let again = try await cli.run("import", file)
        #expect(again.standardOutput.contains("1 unchanged") && again.standardOutput.contains("0 new"), "\(again)")
    }

    @Test func sigkillInsideOneLargeFileLeavesASoundLibraryThatTheNextImportCompletes() async throws {
        let cli = try CLI()
        defer { cli.scratch.remove() }
        let posts = 9_000
        let file = try cli.write("big.txt", Self.largePage(posts: posts))
        // Opened (and its schema made) before the import starts, to watch it commit.
        let watcher = try Library(path: cli.library)
        let child = try ChildProcess.spawn(
            executable: try BuiltProducts.executable(named: "tidings"), arguments: ["import", file],
            environment: cli.environment, standardOutput: cli.scratch.file("import.out"),
            standardError: cli.scratch.file("import.err"))
        var seen = 0
        var early: ChildProcess.Termination?
        let deadline = ContinuousClock.now + .seconds(120)
        while seen == 0, ContinuousClock.now < deadline {
            if let ended = try child.poll() {
                early = ended
                break
            }
            seen = (try? watcher.count()) ?? 0
            if seen == 0 { usleep(1_000) }
        }
        if early == nil { child.killGroup(SIGKILL) }
        let ended = try early ?? DataSafetyTests.wait(child)
        #expect(ended.signal == SIGKILL, "the import ended before the kill: \(ended)")
        #expect(seen > 0 && seen < posts, "no slice was seen committed before the last: \(seen) posts")

        let killed = try DataSafetyTests.state(cli.library)
        #expect(killed.sound, "\(killed)")
        #expect(killed.posts >= seen && killed.posts < posts)
        // Sound, not damaged; check names the file whose import stopped part way.
        let checked = try await cli.run("check")
        #expect(checked.status == 0, "\(checked)")
        #expect(checked.standardError.contains("big.txt: its last import stopped part way"), "\(checked)")
        let resumed = try await cli.run("import", file)
        #expect(resumed.status == 0, "\(resumed)")
        #expect(resumed.standardOutput.contains("1 read"), "the unfinished file was not read again: \(resumed)")
        let final = try DataSafetyTests.state(cli.library)
        #expect(final.posts == posts && final.sound)
        let again = try await cli.run("import", file)
        #expect(again.standardOutput.contains("1 unchanged") && again.standardOutput.contains("0 new"), "\(again)")
        print(
            "data: kill inside one file of \(posts) posts: \(killed.posts) stored at the kill, all after the next import"
        )
    }
}

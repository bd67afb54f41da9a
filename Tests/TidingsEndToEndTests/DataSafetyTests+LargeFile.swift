import Foundation
import Glibc
import Testing
import TidingsLibrary

extension DataSafetyTests {
    /// One file of 9,000 posts is stored in slices of 4,000, each committed: killed after the
    /// first slice is committed and before the last, the library is sound and the next import
    /// completes the file (the source row does not claim the file until its last slice).
    @Test func sigkillInsideOneLargeFileLeavesASoundLibraryThatTheNextImportCompletes() async throws {
        let cli = try CLI()
        defer { cli.scratch.remove() }
        let posts = 9_000
        var text = "Category: Bulk\n\n"
        for n in 0..<posts {
            text += "Story number \(n)\n\nPosted on 2020-01-01 by Writer \(n % 17)\n\n"
            text += "Body of story \(n), some words about it.\n\n[Outlet \(n % 5)]\n\n"
        }
        let file = try cli.write("big.txt", text)
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
        let resumed = try await cli.run("import", file)
        #expect(resumed.status == 0, "\(resumed)")
        #expect(resumed.standardOutput.contains("1 read"), "the unfinished file was not read again: \(resumed)")
        let final = try DataSafetyTests.state(cli.library)
        #expect(final.posts == posts && final.sound)
        let again = try await cli.run("import", file)
        #expect(again.standardOutput.contains("1 unchanged") && again.standardOutput.contains("0 new"), "\(again)")
        print("data: kill inside one file of \(posts) posts: \(killed.posts) stored at the kill, all after the next import")
    }
}

import Foundation
import Glibc
import Testing
import TidingsLibrary

/// Bookmarks survive SIGKILL mid-burst and concurrent writers: the real binary, real files.
///
/// `tidings bookmarks burst` prints `ack ID on|off` only after each toggle's commit returned,
/// so every acknowledged state must be on disk whenever the process dies.
@Suite(.serialized) struct BookmarkDurabilityTests {
    /// A scratch library with `count` posts; returns the CLI and the post ids in archive order.
    static func library(posts count: Int) async throws -> (CLI, [String]) {
        let cli = try CLI()
        let posts = (0..<count).map {
            "Bulletin \($0) on the border crossing\n\nPosted on by\n\nText of bulletin \($0).\n\n[NK News]\n\n"
        }
        let result = try await cli.run("import", try cli.write("page.txt", "Category: Border\n\n" + posts.joined()))
        #expect(result.status == 0, "\(result)")
        let ids = try Library(path: cli.library).posts().map(\.id)
        try #require(ids.count == count)
        return (cli, ids)
    }

    /// The bookmarked ids, read through a fresh opening of the file (as a restarted browser would).
    static func onDisk(_ path: String) throws -> (bookmarked: Set<String>, integrity: [String]) {
        let library = try Library(path: path)
        return (Set(try library.bookmarks().map(\.postID)), try library.integrityCheck())
    }

    @Test func sigkillMidBurstLosesNoAcknowledgedToggle() async throws {
        let (cli, ids) = try await BookmarkDurabilityTests.library(posts: 8)
        let tidings = try BuiltProducts.executable(named: "tidings")
        var generator = SystemRandomNumberGenerator()
        var acknowledged = 0
        let started = ContinuousClock.now
        for round in 1...50 {
            var expected = try BookmarkDurabilityTests.onDisk(cli.library).bookmarked
            let output = cli.scratch.file("burst-\(round).out")
            let child = try ChildProcess.spawn(
                executable: tidings, arguments: ["bookmarks", "burst"] + ids, environment: cli.environment,
                standardOutput: output, standardError: cli.scratch.file("burst-\(round).err"))
            // Kill after a random number of acknowledgements: in odd rounds the moment the last
            // one appears (where an ack printed before its commit would show), in even rounds
            // a random moment later (mid-transaction, mid-fsync).
            let wanted = Int.random(in: 1...12, using: &generator)
            let deadline = ContinuousClock.now + .seconds(20)
            while BurstOutput.lines(output).count < wanted {
                if let ended = try child.poll() {
                    Issue.record(
                        "burst ended by itself (\(ended)): \(BurstOutput.text(cli.scratch.file("burst-\(round).err")))")
                    return
                }
                try #require(ContinuousClock.now < deadline, "round \(round): no acknowledgement within 20 s")
                usleep(100)
            }
            if round.isMultiple(of: 2) { usleep(UInt32.random(in: 0...4_000, using: &generator)) }
            child.killGroup(SIGKILL)
            var termination: ChildProcess.Termination?
            while termination == nil {
                termination = try child.poll()
                if termination == nil { usleep(500) }
            }
            #expect(termination?.signal == SIGKILL, "round \(round): \(String(describing: termination))")

            // Replay the acknowledgements; the toggle after the last one may or may not have landed.
            let acks = BurstOutput.lines(output)
            for (index, line) in acks.enumerated() {
                let parts = line.split(separator: " ")
                try #require(
                    parts.count == 3 && parts[0] == "ack" && String(parts[1]) == ids[index % ids.count], "\(line)")
                if parts[2] == "on" { expected.insert(String(parts[1])) } else { expected.remove(String(parts[1])) }
            }
            acknowledged += acks.count
            let inFlight = ids[acks.count % ids.count]
            let found = try BookmarkDurabilityTests.onDisk(cli.library)
            #expect(found.integrity == ["ok"], "round \(round)")
            #expect(
                found.bookmarked.subtracting([inFlight]) == expected.subtracting([inFlight]),
                "round \(round): acknowledged toggles lost after \(acks.count) acks")
        }
        let elapsed = ContinuousClock.now - started
        #expect(acknowledged >= 50)
        #expect(elapsed < .seconds(120), "50 rounds took \(elapsed)")
    }

    @Test func twoProcessesTogglingAtOnceLoseNoUpdate() async throws {
        let (cli, ids) = try await BookmarkDurabilityTests.library(posts: 11)
        let tidings = try BuiltProducts.executable(named: "tidings")
        let shared = ids[10]
        // Each toggles its own five posts 203 times in all (three of them 41 times: on; two 40: off)
        // and, in between, the one post they share.
        let groups = [Array(ids[0..<5]), Array(ids[5..<10])]
        var children: [(child: ChildProcess, out: String, err: String, toggles: Int)] = []
        for (index, group) in groups.enumerated() {
            let out = cli.scratch.file("writer-\(index).out")
            let err = cli.scratch.file("writer-\(index).err")
            let arguments = ["bookmarks", "burst", "--count", "203"] + group
            children.append(
                (
                    try ChildProcess.spawn(
                        executable: tidings, arguments: arguments, environment: cli.environment,
                        standardOutput: out, standardError: err), out, err, 203
                ))
            let sharedOut = cli.scratch.file("shared-\(index).out")
            children.append(
                (
                    try ChildProcess.spawn(
                        executable: tidings, arguments: ["bookmarks", "burst", "--count", "101", shared],
                        environment: cli.environment, standardOutput: sharedOut,
                        standardError: sharedOut + ".err"), sharedOut, sharedOut + ".err", 101
                ))
        }
        let deadline = ContinuousClock.now + .seconds(90)
        for (child, out, err, toggles) in children {
            var termination: ChildProcess.Termination?
            while termination == nil {
                termination = try child.poll()
                if termination == nil {
                    if ContinuousClock.now > deadline { children.forEach { $0.child.killGroup(SIGKILL) } }
                    try await Task.sleep(for: .milliseconds(5))
                }
            }
            #expect(termination?.exitCode == 0, "\(String(describing: termination)): \(BurstOutput.text(err))")
            #expect(BurstOutput.text(err).isEmpty, "\(BurstOutput.text(err))")
            #expect(BurstOutput.lines(out).count == toggles)
        }
        // Atomic toggles of the shared post alternate whatever the interleaving: exactly half
        // the acknowledgements say on. Two read-then-write toggles racing would both say on.
        let sharedAcks = children.filter { $0.toggles == 101 }.flatMap { BurstOutput.lines($0.out) }
        #expect(sharedAcks.filter { $0.hasSuffix(" on") }.count == 101, "lost updates on the shared post")
        let found = try BookmarkDurabilityTests.onDisk(cli.library)
        // 202 toggles of the shared post in all: off again, unless one was lost.
        let expected = Set(groups.flatMap { $0.prefix(3) })
        #expect(found.bookmarked == expected)
        #expect(found.integrity == ["ok"])
    }
}

/// Reading a burst's output file while it grows.
enum BurstOutput {
    static func text(_ path: String) -> String {
        FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) } ?? ""
    }

    /// Complete lines only: a line still being written is not an acknowledgement yet.
    static func lines(_ path: String) -> [Substring] {
        let text = text(path)
        guard let end = text.lastIndex(of: "\n") else { return [] }
        return text[..<end].split(separator: "\n")
    }
}

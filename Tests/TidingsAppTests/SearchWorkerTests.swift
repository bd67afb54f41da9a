import Foundation
import Testing
import TidingsCore
import TidingsLibrary
import TidingsUI

@testable import TidingsApp

/// The search worker on a real library: the two-stage answer, generations and cancellation,
/// the next unread match.
@Suite("Search worker")
struct SearchWorkerTests {
    /// Waits until the worker has nothing under way (bounded, so a stuck worker fails the test
    /// instead of hanging it), then takes its answers.
    /// Async, so the wait leaves the worker's tasks the threads they run on; long, because in
    /// a full `swift test` other suites' blocking tests may hold that shared pool for a minute.
    private static func answers(of worker: SearchWorker) async throws -> [Action] {
        let deadline = Date().addingTimeInterval(300)
        var answers: [Action] = []
        repeat {
            answers += worker.takeFinished()
            if !worker.isBusy { break }
            try await Task.sleep(for: .milliseconds(2))
        } while Date() < deadline
        #expect(!worker.isBusy, "the worker should have finished")
        return answers + worker.takeFinished()
    }

    private static func pages(_ actions: [Action]) -> [HeadlinePage] {
        actions.compactMap { if case .headlinesLoaded(let page) = $0 { page } else { nil } }
    }

    private static func request(_ text: String, _ order: SearchOrder, generation: Int) -> SearchRequest {
        SearchRequest(
            tab: .all, query: SearchQuery(text, typing: true), order: order, offset: 0, limit: 50,
            generation: generation)
    }

    @Test("a relevance search's first page answers twice: archive order with the count, then ranked")
    func twoStages() async throws {
        let fixture = try AppFixture()
        let worker = SearchWorker(library: fixture.library)
        worker.submit(Self.request("harbour", .relevance, generation: 1))
        let pages = Self.pages(try await Self.answers(of: worker))
        try #require(pages.count == 2)
        #expect(pages[0].isProvisional)
        #expect(!pages[1].isProvisional)
        #expect(!pages[1].isUnranked)
        #expect(pages.allSatisfy { $0.generation == 1 && $0.total == 6 && $0.order == .relevance })
        #expect(
            pages[0].rows.map(\.id) == fixture.ids.enumerated().filter { $0.offset.isMultiple(of: 2) }.map(\.element))
        #expect(Set(pages[1].rows.map(\.id)) == Set(pages[0].rows.map(\.id)))
    }

    @Test("a word being typed that begins too many words answers once, in archive order, and says why")
    func broadPrefixAnswersOnce() async throws {
        let folder = NSTemporaryDirectory() + "tidings-app-test-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // 40 words starting with "sel": more than a live ranking merges.
        let letters = Array("abcdefghijklmnopqrst")
        let words: [String] = (0..<40).map { index in "sel\(letters[index % 20])\(index / 20)" }
        var page = "Category: Economy\n\n"
        for index in 0..<8 {
            page += "Story \(index)\n\nPosted on March \(index + 1), 2019 by Jane Holloway\n\n"
            page += words[(index * 5)..<(index * 5 + 5)].joined(separator: " ") + ".\n\n[Wire]\n\n"
        }
        try Data(page.utf8).write(to: URL(fileURLWithPath: folder + "/page.txt"))
        let library = try Library(path: folder + "/library.sqlite")
        _ = try library.importArchives(at: [folder + "/page.txt"])
        let worker = SearchWorker(library: library)
        worker.submit(Self.request("sel", .relevance, generation: 1))
        let pages = Self.pages(try await Self.answers(of: worker))
        try #require(pages.count == 1)
        #expect(!pages[0].isProvisional && pages[0].total == 8 && pages[0].rows.count == 8)
        #expect(pages[0].hint == "not ranked: ‘sel’ begins over 32 words, type on")
        #expect(pages[0].isUnranked)
    }

    @Test("an archive-order search answers once")
    func archiveOrderOnce() async throws {
        let fixture = try AppFixture()
        let worker = SearchWorker(library: fixture.library)
        worker.submit(Self.request("market", .archive, generation: 1))
        let pages = Self.pages(try await Self.answers(of: worker))
        #expect(pages.count == 1)
        #expect(pages.first?.isProvisional == false)
        #expect(pages.first?.rows.count == 6)
    }

    @Test("a newer generation cancels the older one: its answer, if any came, comes first")
    func newerGenerationWins() async throws {
        let fixture = try AppFixture()
        let worker = SearchWorker(library: fixture.library)
        worker.submit(Self.request("harbour", .relevance, generation: 1))
        worker.submit(Self.request("market", .relevance, generation: 2))
        let pages = Self.pages(try await Self.answers(of: worker))
        let last = try #require(pages.last)
        #expect(last.generation == 2)
        #expect(!last.isProvisional)
        #expect(last.rows.allSatisfy { fixture.ids.firstIndex(of: $0.id).map { !$0.isMultiple(of: 2) } == true })
        // Nothing of generation 1 after generation 2 started answering.
        if let firstNew = pages.firstIndex(where: { $0.generation == 2 }) {
            #expect(pages[firstNew...].allSatisfy { $0.generation == 2 })
        }
    }

    @Test("cancelling everything leaves the worker idle")
    func cancelAll() async throws {
        let fixture = try AppFixture()
        let worker = SearchWorker(library: fixture.library)
        for generation in 1...5 { worker.submit(Self.request("harbour market", .relevance, generation: generation)) }
        worker.cancelAll()
        _ = try await Self.answers(of: worker)
        #expect(!worker.isBusy)
    }

    @Test("the next unread match is found off the loop and answered as an action")
    func nextUnreadMatch() async throws {
        let fixture = try AppFixture()
        try fixture.library.setRead(true, postID: fixture.ids[2])
        let worker = SearchWorker(library: fixture.library)
        worker.findNextUnread(
            NextUnreadRequest(
                tab: .all, query: SearchQuery("harbour", typing: true), order: .archive, after: 0))
        // Matches in archive order: posts 0 2 4 …; post 2 (index 1) is read, so post 4 (index 2).
        #expect(try await Self.answers(of: worker) == [.nextUnreadFound(index: 2)])
    }
}

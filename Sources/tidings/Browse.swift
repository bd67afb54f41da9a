import ArgumentParser
import Foundation
import TidingsApp
import TidingsConfig
import TidingsFeeds
import TidingsLibrary
import TidingsTerminal
import TidingsUI

/// `tidings` / `tidings browse`: the full-screen two-pane browser.
struct Browse: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Open the full-screen browser (the default).",
        discussion: """
            When the library has no posts yet, the sample archive in the repository's data/ folder \
            (or $TIDINGS_SAMPLE) is imported first. Press ? in the browser for the keys.
            """)

    @OptionGroup var options: LibraryOptions
    @OptionGroup var configOptions: ConfigOptions

    @Option(
        help: ArgumentHelp(
            "Whether the story pane follows the selection or changes only on Enter (light over slow links).",
            valueName: "follow|on-enter"))
    var preview: PreviewMode?

    @Flag(
        inversion: .prefixedNo,
        help: "Let the mouse wheel scroll and clicks select rows and tabs (off: the terminal keeps its own selection).")
    var mouse: Bool?

    /// The options the session and the terminal are given: the command line's, else the
    /// config file's (`[layout] preview`, `mouse`), else the defaults.
    func browserOptions(_ configuration: Configuration) -> BrowserOptions {
        BrowserOptions(preview: preview ?? configuration.preview, mouse: mouse ?? configuration.mouse)
    }

    func run() throws {
        Self.restartWithoutInteractiveBacktracer()
        Self.limitMallocArenas()
        var status: Int32 = 0
        try reporting {
            // First: a bad config file stops the browser before anything is created or drawn.
            let configuration = try configOptions.load()
            let browserOptions = browserOptions(configuration)
            let library = try options.open(mayCreate: true)
            let greeting = try importSampleIfEmpty(library)
            guard CursesTerminal.standardStreamsAreTerminals() else {
                throw Failure(
                    "standard input and output must be a terminal for the browser; "
                        + "from scripts use `tidings list` (or `tidings list --json`)", status: 1)
            }
            let terminal: CursesTerminal
            do {
                terminal = try CursesTerminal.open(
                    palette: configuration.settings.theme.palette, mouse: browserOptions.mouse)
            } catch {
                throw Failure("\(error)", status: 1)
            }
            // `R` updates the sources with the same client and limits as `tidings update`, one
            // source at a time: parsing and indexing then take one of the two cores at most, and
            // the key loop keeps the other (docs/benchmarks.md, "Keys while R updates").
            let updater = WebUpdater(
                library: library, client: HTTPClient(), reader: WebUpdater.standardReader,
                options: FetchOptions(concurrentSources: 1))
            status = BrowserSession(
                library: library, terminal: terminal, greeting: greeting, updater: updater,
                settings: configuration.settings, options: browserOptions
            ).run()
            terminal.close()
        }
        // ArgumentParser's own `exit` would treat this as an error; leave with the status as is.
        Glibc.exit(status)
    }

    /// Starts this program again with `SWIFT_BACKTRACE=interactive=no` when that variable is
    /// unset and the streams are terminals.
    ///
    /// After a crash on a terminal, Swift's backtracer waits 30 s at an interactive prompt
    /// before the process dies (the crash guard has already restored the terminal, but the
    /// program seems to hang). The runtime reads the variable only at startup, hence the
    /// `exec`; it keeps the arguments, and if it fails the browser simply carries on.
    static func restartWithoutInteractiveBacktracer() {
        guard getenv("SWIFT_BACKTRACE") == nil, CursesTerminal.standardStreamsAreTerminals() else { return }
        setenv("SWIFT_BACKTRACE", "interactive=no", 1)
        // The real path, not /proc/self/exe itself, so the process keeps its name.
        let executable =
            (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? "/proc/self/exe"
        execv(executable, CommandLine.unsafeArgv)
    }

    /// Caps glibc's `malloc` at two arenas for the browser's threads.
    ///
    /// glibc gives a thread that meets contention an arena of its own (up to eight per core)
    /// and keeps what is freed in an arena for that arena, so the buffers of a search on one
    /// reader thread and of the next search on another both stay resident: at a million posts
    /// that was a fifth of the browser's peak (docs/benchmarks.md, "Memory"). `mallopt` is not
    /// in Swift's Glibc module, hence the look-up; where it is missing nothing changes.
    static func limitMallocArenas() {
        typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
        guard let symbol = dlsym(nil, "mallopt") else { return }
        let arenaMax: Int32 = -8  // M_ARENA_MAX in <malloc.h>
        _ = unsafeBitCast(symbol, to: Mallopt.self)(arenaMax, 2)
    }

    /// Imports the bundled sample into an empty library; returns a line for the status bar.
    private func importSampleIfEmpty(_ library: Library) throws -> String? {
        guard try !library.hasPosts() else { return nil }
        guard let sample = SampleArchive.locate() else { return nil }
        let summary = try library.importArchives(at: [sample])
        let line = "Imported the sample archive: \(summary.postsNew) posts from \(sample)"
        Output.info(line)
        return line
    }
}

extension PreviewMode: ExpressibleByArgument {}

// swift-tools-version: 6.1
import PackageDescription

// Targets and their arrows are described in docs/architecture.md; keep the two in step.
let package = Package(
    name: "Tidings",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "tidings", targets: ["tidings"]),
        .executable(name: "tidings-bench", targets: ["tidings-bench"]),
        .library(name: "TidingsCore", targets: ["TidingsCore"]),
        .library(name: "TidingsLibrary", targets: ["TidingsLibrary"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/LebJe/TOMLKit", exact: "0.6.0"),
    ],
    targets: [
        // Post model, archive parser, identity, the search language. Swift, no I/O beyond reading
        // files; SHA-256 (post ids, file stamps) from the system's libcrypto.
        .target(name: "TidingsCore", dependencies: ["CCrypto"]),
        // The system libcrypto (OpenSSL), for SHA-256 only; only TidingsCore imports it.
        .systemLibrary(
            name: "CCrypto",
            pkgConfig: "libcrypto",
            providers: [.apt(["libssl-dev"])]
        ),
        // The one SQLite database (GRDB + FTS5): import, queries, search, bookmarks.
        .target(
            name: "TidingsLibrary",
            dependencies: [
                "TidingsCore", "CTidingsRank", .product(name: "GRDB", package: "GRDB.swift"),
                // SQLite's C API, for the search's set function (Search/SeqSets.swift).
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ]
        ),
        // The live ranking's own FTS5 ranking function (BM25 with document counts given by the
        // caller), in C against the system SQLite; only TidingsLibrary imports it.
        .target(name: "CTidingsRank", linkerSettings: [.linkedLibrary("sqlite3")]),
        // Screen primitives: cells, the screen buffer, text width and wrapping, the sanitiser,
        // keys and the Terminal protocol. No dependencies.
        .target(name: "TidingsScreen"),
        // The browser as data: state, actions, the pure reducer, the key table and rendering
        // into a screen buffer.
        .target(name: "TidingsUI", dependencies: ["TidingsScreen", "TidingsCore"]),
        // The config file (config.toml): keys, theme and layout read with TOMLKit, checked against
        // the key table and the theme's roles, and turned into plain values; the one TOML reader.
        .target(
            name: "TidingsConfig",
            dependencies: ["TidingsUI", "TidingsScreen", .product(name: "TOMLKit", package: "TOMLKit")]
        ),
        // The system ncursesw library; only TidingsTerminal imports it.
        .systemLibrary(
            name: "CNcursesw",
            providers: [.apt(["libncurses-dev"])]
        ),
        // The system libxml2 (its HTML parser and its XML parser); only TidingsWeb imports it.
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        // Web content: HTML archive pages and RSS/Atom feeds turned into posts
        // (WebDocumentReader); the one adapter over CLibXML2.
        .target(name: "TidingsWeb", dependencies: ["TidingsCore", "CLibXML2"]),
        // The ncurses adapter: implements TidingsScreen's Terminal protocol.
        .target(name: "TidingsTerminal", dependencies: ["CNcursesw", "TidingsScreen"]),
        // Programs on pseudo-terminals (open, spawn, send, resize, hang up, reap) for the
        // bench and the end-to-end tests; not a product.
        .target(name: "TidingsPTY"),
        // The browser session loop: runs the reducer's effects against the library.
        .target(
            name: "TidingsApp",
            dependencies: ["TidingsScreen", "TidingsUI", "TidingsCore", "TidingsLibrary", "TidingsFeeds"]),
        // Following web sources: the HTTP client (URLSession with our limits), fetching with
        // pagination, storing through the library, and `update` of every source.
        .target(name: "TidingsFeeds", dependencies: ["TidingsCore", "TidingsLibrary", "TidingsWeb"]),
        .executableTarget(
            name: "tidings",
            dependencies: [
                "TidingsApp", "TidingsTerminal", "TidingsScreen", "TidingsLibrary", "TidingsCore", "TidingsFeeds",
                "TidingsConfig", "TidingsUI",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // What tests, the bench and the fuzzer share, never the products: the corpus generator,
        // the parser's and the search's self-checks, the screen snapshot writer, and (HTTP/) the
        // fixture HTTP server with generated blog pages.
        .target(name: "TidingsTestSupport", dependencies: ["TidingsCore", "TidingsLibrary", "TidingsScreen"]),
        .executableTarget(
            name: "tidings-bench",
            dependencies: [
                "TidingsCore", "TidingsLibrary", "TidingsScreen", "TidingsPTY", "TidingsTestSupport", "TidingsWeb",
                "TidingsFeeds",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // libFuzzer harness for the parser, the query builder, the web reader, highlighting and pastes;
        // a replay tool in normal builds
        // (docs/testing.md).
        .executableTarget(
            name: "tidings-fuzz",
            dependencies: [
                "TidingsCore", "TidingsLibrary", "TidingsScreen", "TidingsTestSupport", "TidingsUI", "TidingsWeb",
            ]),
        .testTarget(
            name: "TidingsCoreTests", dependencies: ["TidingsCore", "TidingsTestSupport"],
            exclude: ["Fixtures", "FuzzRegressions"]),
        .testTarget(
            name: "TidingsLibraryTests",
            dependencies: [
                "TidingsLibrary", "TidingsCore", "TidingsTestSupport", .product(name: "GRDB", package: "GRDB.swift"),
            ],
            exclude: ["FuzzRegressions"]
        ),
        .testTarget(name: "TidingsScreenTests", dependencies: ["TidingsScreen", "TidingsTestSupport"]),
        .testTarget(
            name: "TidingsUITests", dependencies: ["TidingsUI", "TidingsScreen", "TidingsCore", "TidingsTestSupport"],
            exclude: ["Snapshots", "FuzzRegressions"]),
        .testTarget(
            name: "TidingsEndToEndTests",
            dependencies: [
                "tidings", "tidings-bench", "TidingsCore", "TidingsLibrary", "TidingsPTY", "TidingsScreen",
                "TidingsTestSupport",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        // The real session loop on a real library through a scripted terminal.
        .testTarget(
            name: "TidingsAppTests",
            dependencies: [
                "TidingsApp", "TidingsUI", "TidingsScreen", "TidingsCore", "TidingsLibrary", "TidingsTestSupport",
            ]
        ),
        .testTarget(name: "TidingsPTYTests", dependencies: ["TidingsPTY"]),
        .testTarget(
            name: "TidingsConfigTests",
            dependencies: ["TidingsConfig", "TidingsUI", "TidingsScreen", "TidingsTestSupport"],
            exclude: ["Fixtures"]),
        .testTarget(
            name: "TidingsFeedsTests",
            dependencies: [
                "TidingsFeeds", "TidingsLibrary", "TidingsCore", "TidingsTestSupport",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        .testTarget(
            name: "TidingsWebTests", dependencies: ["TidingsWeb", "TidingsCore"], exclude: ["FuzzRegressions"]),
    ],
    swiftLanguageModes: [.v6]
)

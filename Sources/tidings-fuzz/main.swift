// The fuzz harness for the archive parser, the search query builder, the web reader, search
// highlighting over hostile text and pastes into the search line (docs/testing.md).
//
// Built normally, this is a replay tool: `tidings-fuzz parser|query|web|highlight|paste PATH...`
// runs every file (or every file in every folder) through the same checks the fuzzer uses,
// and exits 1 on the first failure. Built with `-Xswiftc -sanitize=fuzzer,address -Xswiftc
// -DFUZZING`, it is a libFuzzer binary: `TIDINGS_FUZZ_TARGET=parser|query|web|highlight|paste`
// picks the target, and every
// argument goes to libFuzzer (`-runs=N`, corpus folders, `-artifact_prefix=…`).
import Foundation
import TidingsCore
import TidingsLibrary
import TidingsWeb

enum FuzzTarget: String {
    case parser, query, web, highlight, paste
}

#if FUZZING

    nonisolated(unsafe) var fuzzTarget = FuzzTarget.parser
    nonisolated(unsafe) var fuzzLibrary: Library?

    @_cdecl("LLVMFuzzerTestOneInput")
    public func fuzzTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
        let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
        switch fuzzTarget {
        case .parser:
            FuzzChecks.parser(bytes)
        case .query:
            if let failure = FuzzChecks.query(bytes, in: fuzzLibrary!, thorough: false) {
                fatalError(failure)  // an SQLite error is a finding: libFuzzer saves the input
            }
        case .web:
            FuzzChecks.web(bytes)
        case .highlight, .paste:
            if let failure = FuzzChecks.check(fuzzTarget, bytes) { fatalError(failure) }
        }
        return 0
    }

    // swift-format-ignore: AlwaysUseLowerCamelCase
    @_silgen_name("LLVMFuzzerRunDriver")
    func LLVMFuzzerRunDriver(
        _ argc: UnsafeMutablePointer<Int32>,
        _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
        _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32
    ) -> Int32

    let name = ProcessInfo.processInfo.environment["TIDINGS_FUZZ_TARGET"] ?? ""
    guard let target = FuzzTarget(rawValue: name) else {
        FileHandle.standardError.write(Data("set TIDINGS_FUZZ_TARGET to parser, query, web, highlight or paste\n".utf8))
        exit(2)
    }
    fuzzTarget = target
    if target == .query { fuzzLibrary = FuzzChecks.seededLibrary() }
    var argc = CommandLine.argc
    var argv = CommandLine.unsafeArgv
    exit(LLVMFuzzerRunDriver(&argc, &argv, { fuzzTestOneInput($0, $1) }))

#else

    /// Every regular file named, or found (recursively) in the folders named, sorted.
    func inputs(_ paths: [String]) -> [String] {
        var files: [String] = []
        for path in paths {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
                FileHandle.standardError.write(Data("tidings-fuzz: no such file: \(path)\n".utf8))
                exit(2)
            }
            if isFolder.boolValue {
                let found = FileManager.default.enumerator(atPath: path)?.compactMap { $0 as? String } ?? []
                for name in found.sorted() {
                    var nested: ObjCBool = false
                    let full = path + "/" + name
                    if FileManager.default.fileExists(atPath: full, isDirectory: &nested), !nested.boolValue {
                        files.append(full)
                    }
                }
            } else {
                files.append(path)
            }
        }
        return files
    }

    let arguments = Array(CommandLine.arguments.dropFirst())
    guard let first = arguments.first, let target = FuzzTarget(rawValue: first) else {
        print(
            "usage: tidings-fuzz parser|query|web|highlight|paste PATH...   (replays fuzz inputs; see docs/testing.md)")
        exit(2)
    }
    let files = inputs(Array(arguments.dropFirst()))
    let library = target == .query ? FuzzChecks.seededLibrary() : nil
    for file in files {
        guard let data = FileManager.default.contents(atPath: file) else {
            print("tidings-fuzz: cannot read \(file)")
            exit(2)
        }
        switch target {
        case .parser:
            FuzzChecks.parser(Array(data))
        case .query:
            if let failure = FuzzChecks.query(Array(data), in: library!) {
                print("FAIL \(file): \(failure)")
                exit(1)
            }
        case .web:
            if let failure = WebSelfCheck.failure(reading: Array(data)) {
                print("FAIL \(file): \(failure)")
                exit(1)
            }
        case .highlight, .paste:
            if let failure = FuzzChecks.check(target, Array(data)) {
                print("FAIL \(file): \(failure)")
                exit(1)
            }
        }
    }
    print("tidings-fuzz \(target.rawValue): \(files.count) input\(files.count == 1 ? "" : "s") replayed, no failures")

#endif

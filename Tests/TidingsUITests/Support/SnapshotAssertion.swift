import Foundation
import Testing
import TidingsScreen
import TidingsTestSupport
import TidingsUI

/// Compares `buffer.snapshot()` with `Tests/TidingsUITests/Snapshots/<name>.txt`.
///
/// A missing file, or `TIDINGS_RECORD_SNAPSHOTS=1` in the environment, writes the file and
/// still records an issue, so a snapshot is never accepted without someone looking at it:
/// read the new file, then re-run. A mismatch records an issue with a line diff and leaves
/// the actual output in a temporary file, ready to copy over the old snapshot if intended.
func assertSnapshot(
    _ buffer: ScreenBuffer,
    named name: String,
    filePath: StaticString = #filePath,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    assertSnapshot(text: buffer.snapshot(), named: name, filePath: filePath, sourceLocation: sourceLocation)
}

/// Compares `actual` with `Tests/TidingsUITests/Snapshots/<name>.txt`, as for a screen.
func assertSnapshot(
    text actual: String,
    named name: String,
    filePath: StaticString = #filePath,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    let file = snapshotDirectory(for: "\(filePath)").appendingPathComponent("\(name).txt")
    let record = ProcessInfo.processInfo.environment["TIDINGS_RECORD_SNAPSHOTS"] == "1"
    let expected = try? String(contentsOf: file, encoding: .utf8)

    if record || expected == nil {
        do {
            try FileManager.default.createDirectory(
                at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try actual.write(to: file, atomically: true, encoding: .utf8)
            Issue.record(
                "recorded snapshot \(file.path); check it by eye, then re-run",
                sourceLocation: sourceLocation)
        } catch {
            Issue.record("could not record snapshot \(file.path): \(error)", sourceLocation: sourceLocation)
        }
        return
    }
    guard let expected, expected != actual else { return }

    let actualFile = FileManager.default.temporaryDirectory
        .appendingPathComponent("tidings-snapshots", isDirectory: true)
        .appendingPathComponent("\(name).txt")
    try? FileManager.default.createDirectory(
        at: actualFile.deletingLastPathComponent(), withIntermediateDirectories: true)
    try? actual.write(to: actualFile, atomically: true, encoding: .utf8)
    Issue.record(
        """
        snapshot \(name) differs (- expected, + actual); actual written to \(actualFile.path)
        \(lineDiff(expected: expected, actual: actual))
        """,
        sourceLocation: sourceLocation)
}

/// `Tests/TidingsUITests/Snapshots`, found from the calling test file's path so that it works
/// whatever the working directory (and from a test file in a subfolder).
private func snapshotDirectory(for testFile: String) -> URL {
    var directory = URL(fileURLWithPath: testFile).deletingLastPathComponent()
    var probe = directory
    while probe.pathComponents.count > 1 {
        if probe.lastPathComponent == "TidingsUITests" {
            directory = probe
            break
        }
        probe = probe.deletingLastPathComponent()
    }
    return directory.appendingPathComponent("Snapshots", isDirectory: true)
}

/// A diff that is easy to read for snapshots, whose lines correspond one to one (rows):
/// unchanged lines as context with two spaces, changed ones as `-`/`+` pairs, line numbers
/// on the left. Surrounding `|` show where trailing spaces would be.
private func lineDiff(expected: String, actual: String) -> String {
    let old = lines(of: expected)
    let new = lines(of: actual)
    var out: [String] = []
    for index in 0..<max(old.count, new.count) {
        let number = String(index + 1).padding(toLength: 3, withPad: " ", startingAt: 0)
        let before = index < old.count ? old[index] : nil
        let after = index < new.count ? new[index] : nil
        if before == after {
            out.append("\(number)   |\(before ?? "")|")
        } else {
            if let before { out.append("\(number) - |\(before)|") }
            if let after { out.append("\(number) + |\(after)|") }
        }
    }
    return out.joined(separator: "\n")
}

/// The lines of `text`, without the empty one that its final newline would add.
private func lines(of text: String) -> [Substring] {
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    if text.hasSuffix("\n") { lines.removeLast() }
    return lines
}

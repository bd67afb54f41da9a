import Glibc
import TidingsCore

/// The `.txt` files below a folder, found with directory descriptors and raw bytes.
///
/// Foundation's enumerator works on `String` paths: a name that is not UTF-8 came back
/// repaired (and then did not open), and below `PATH_MAX` bytes of path it gave up silently.
/// This walk opens each folder relative to its parent (`openat`), so its depth is not bounded
/// by the path's length, and reads names as bytes (``RawPath``). A file whose whole path is
/// too long to be opened by name, as every later step does, is reported and skipped, never
/// dropped in silence; so is a folder that cannot be opened.
enum FolderWalk {
    /// The regular `.txt` files below `root` (an absolute, canonical path), hidden names
    /// skipped, and symbolic links to folders not followed (a link may loop); what was
    /// skipped is said in `diagnostics`.
    static func archiveFiles(below root: String, diagnostics: inout [Diagnostic]) -> [String] {
        let fd = RawPath.withCString(root) { open($0, O_RDONLY | O_DIRECTORY | O_CLOEXEC) }
        guard fd >= 0 else {
            diagnostics.append(Diagnostic(.error, file: root, "cannot list the folder: " + reason(errno)))
            return []
        }
        var found: [String] = []
        walk(fd, path: RawPath.bytes(of: root), into: &found, diagnostics: &diagnostics)
        return found
    }

    /// Walks the folder open as `fd` (closed here), whose path is `path`.
    private static func walk(_ fd: Int32, path: [UInt8], into found: inout [String], diagnostics: inout [Diagnostic]) {
        guard let folder = fdopendir(fd) else {
            close(fd)
            return
        }
        defer { closedir(folder) }
        var names: [[UInt8]] = []
        while let entry = readdir(folder) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in Array(raw.prefix { $0 != 0 }) }
            // Hidden names (and `.`, `..`) are skipped, as they always were.
            if name.first != UInt8(ascii: ".") { names.append(name) }
        }
        // Sorted by bytes, so that a walk is the same whatever order the folder lists.
        names.sort { $0.lexicographicallyPrecedes($1) }
        for name in names {
            let child = path + [UInt8(ascii: "/")] + name
            var status = stat()
            guard withTerminated(name, { fstatat(dirfd(folder), $0, &status, AT_SYMLINK_NOFOLLOW) }) == 0 else {
                continue
            }
            switch status.st_mode & S_IFMT {
            case S_IFDIR:
                let childFD = withTerminated(name) {
                    openat(dirfd(folder), $0, O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW)
                }
                guard childFD >= 0 else {
                    diagnostics.append(
                        Diagnostic(
                            .warning, file: RawPath.string(fromBytes: child),
                            "cannot open the folder: \(reason(errno)): skipped"))
                    continue
                }
                walk(childFD, path: child, into: &found, diagnostics: &diagnostics)
            case S_IFREG, S_IFLNK:
                guard isArchiveName(name) else { continue }
                if status.st_mode & S_IFMT == S_IFLNK {
                    // A link is taken for what it points at: a file is read, a folder or a
                    // dangling link is not.
                    var target = stat()
                    let followed = withTerminated(name) { fstatat(dirfd(folder), $0, &target, 0) }
                    guard followed == 0 else {
                        diagnostics.append(
                            Diagnostic(.warning, file: RawPath.string(fromBytes: child), reason(errno) + ": skipped"))
                        continue
                    }
                    if target.st_mode & S_IFMT == S_IFDIR { continue }
                    if target.st_mode & S_IFMT != S_IFREG {
                        diagnostics.append(
                            Diagnostic(.warning, file: RawPath.string(fromBytes: child), ArchiveFiles.notRegular))
                        continue
                    }
                }
                guard child.count < Int(PATH_MAX) else {
                    diagnostics.append(
                        Diagnostic(
                            .warning, file: RawPath.string(fromBytes: child),
                            "its path is \(child.count) bytes, longer than the system opens by name "
                                + "(\(PATH_MAX - 1)): skipped"))
                    continue
                }
                found.append(RawPath.string(fromBytes: child))
            default:
                if isArchiveName(name) {
                    diagnostics.append(
                        Diagnostic(.warning, file: RawPath.string(fromBytes: child), ArchiveFiles.notRegular))
                }
            }
        }
    }

    /// Whether a file name ends `.txt`, in any case.
    private static func isArchiveName(_ name: [UInt8]) -> Bool {
        guard name.count > 4 else { return false }
        return name.suffix(4).map { $0 | 0x20 } == Array(".txt".utf8)
    }

    private static func withTerminated<Result>(_ name: [UInt8], _ body: (UnsafePointer<CChar>) -> Result) -> Result {
        var terminated = name.map { CChar(bitPattern: $0) }
        terminated.append(0)
        return terminated.withUnsafeBufferPointer { body($0.baseAddress!) }
    }

    static func reason(_ code: Int32) -> String {
        String(cString: strerror(code)).lowercased()
    }
}

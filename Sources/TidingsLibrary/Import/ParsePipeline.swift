import Foundation
import TidingsCore

/// Reads and parses files on worker threads, handing them back strictly in order.
///
/// Workers stay at most `window` files ahead of the consumer. A file's posts follow it through
/// its ``SliceQueue`` a slice at a time, the worker at most a couple of slices ahead of the
/// writer: memory is bounded by a few files' bytes and slices, however large the import or
/// any one file.
final class ParsePipeline: @unchecked Sendable {
    private let paths: [String]
    private let stamps: [RawPath.Key: SourceStamp]
    private let window: Int
    private let postsPerSlice: Int
    private let condition = NSCondition()
    // Guarded by `condition`.
    private var slots: [Int: SourceFile] = [:]
    private var nextToRead = 0
    private var consumed = 0
    private var cancelled = false
    /// The queues workers are filling, to stop them on ``cancel()``.
    private var filling: [Int: SliceQueue] = [:]

    init(paths: [String], stamps: [RawPath.Key: SourceStamp], workers: Int, postsPerSlice: Int) {
        self.paths = paths
        self.stamps = stamps
        self.window = max(2, workers * 2)
        self.postsPerSlice = max(1, postsPerSlice)
        for _ in 0..<min(workers, max(1, paths.count)) {
            let thread = Thread { [self] in work() }
            thread.stackSize = 8 << 20
            thread.start()
        }
    }

    /// Blocks until file `index` is ready and returns it; call with 0, 1, 2… in order.
    func take(_ index: Int) -> SourceFile {
        condition.lock()
        defer { condition.unlock() }
        while slots[index] == nil { condition.wait() }
        let file = slots.removeValue(forKey: index)!
        consumed = index + 1
        condition.broadcast()
        return file
    }

    /// Stops the workers (after a storage error the rest will never be taken): none starts
    /// another file, and those parsing stop at their next slice.
    func cancel() {
        condition.lock()
        cancelled = true
        let queues = Array(filling.values)
        condition.broadcast()
        condition.unlock()
        for queue in queues { queue.cancel() }
    }

    private func work() {
        while true {
            condition.lock()
            while !cancelled, nextToRead < paths.count, nextToRead >= consumed + window { condition.wait() }
            guard !cancelled, nextToRead < paths.count else {
                condition.unlock()
                return
            }
            let index = nextToRead
            nextToRead += 1
            condition.unlock()
            var (file, reader) = ParsePipeline.read(paths[index], stamp: stamps[RawPath.Key(paths[index])])
            let queue = reader.map { _ in SliceQueue() }
            if let queue { file.content = .parsed(queue) }
            condition.lock()
            slots[index] = file
            if let queue {
                if cancelled { queue.cancel() } else { filling[index] = queue }
            }
            condition.broadcast()
            condition.unlock()
            // The writer may take the file now and store its first slice while this parses on.
            guard var reader, let queue else { continue }
            ParsePipeline.parse(&reader, into: queue, postsPerSlice: postsPerSlice)
            condition.lock()
            filling[index] = nil
            condition.unlock()
        }
    }

    /// Reads one file: skipped when unchanged, else hashed and, when its bytes changed,
    /// returned with a reader ready to parse them.
    static func read(_ path: String, stamp: SourceStamp?) -> (SourceFile, ArchiveReader?) {
        var file = SourceFile(path: path, size: 0, modified: 0, digest: "", content: .unchanged)
        do {
            // stat on the path's bytes: Foundation's String paths lose a name that is not UTF-8.
            var status = stat()
            guard RawPath.withCString(path, { stat($0, &status) }) == 0 else { throw ReadFailure(errno: errno) }
            file.size = Int64(status.st_size)
            file.modified = Double(status.st_mtim.tv_sec) + Double(status.st_mtim.tv_nsec) / 1_000_000_000
            if let stamp, stamp.size == file.size, stamp.modified == file.modified {
                file.digest = stamp.digest
                return (file, nil)
            }
            let bytes = try contents(of: path)
            file.digest = SHA256.hash(bytes).map { String($0, radix: 16).leftPadded(2) }.joined()
            if let stamp, stamp.digest == file.digest {
                file.content = .sameBytes
                return (file, nil)
            }
            return (file, ArchiveReader(bytes: bytes, file: path))
        } catch {
            file.content = .unreadable(
                Diagnostic(.error, file: path, "cannot read the file: \(ParsePipeline.reason(error))"))
        }
        return (file, nil)
    }

    /// Parses the rest of a file into its queue, a slice at a time, until the end or a cancel.
    static func parse(_ reader: inout ArchiveReader, into queue: SliceQueue, postsPerSlice: Int) {
        repeat {
            let page = reader.next(maxPosts: postsPerSlice)
            guard queue.put(page, isLast: reader.isAtEnd) else { return }
        } while !reader.isAtEnd
    }

    /// The file's bytes, read straight into the array: going through `Data` holds two copies
    /// of a large file at once (a 200 MB file peaked at three times its size while imported).
    /// Opened with `O_NONBLOCK`, so that a FIFO put in place of a file after the folder was
    /// listed cannot block the open; only a regular file is then read.
    static func contents(of path: String) throws -> [UInt8] {
        let fd = RawPath.withCString(path) { open($0, O_RDONLY | O_CLOEXEC | O_NONBLOCK) }
        guard fd >= 0 else { throw ReadFailure(errno: errno) }
        defer { close(fd) }
        var status = stat()
        guard fstat(fd, &status) == 0 else { throw ReadFailure(errno: errno) }
        switch status.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: throw ReadFailure(reason: "it is a folder")
        default: throw ReadFailure(reason: "it is not a regular file (a pipe, device or socket)")
        }
        let size = Int(status.st_size)
        var failed = false
        var bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
            while count < size {
                let n = systemRead(fd, buffer.baseAddress! + count, size - count)
                if n < 0, errno == EINTR { continue }
                if n <= 0 {
                    failed = n < 0
                    break
                }
                count += n
            }
        }
        // The file may have grown since fstat: read on to its end.
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while !failed {
            let n = chunk.withUnsafeMutableBytes { systemRead(fd, $0.baseAddress!, $0.count) }
            if n < 0, errno == EINTR { continue }
            if n <= 0 {
                failed = n < 0
                break
            }
            bytes.append(contentsOf: chunk[0..<n])
        }
        if failed { throw ReadFailure(errno: errno) }
        return bytes
    }

    /// Why a file could not be read, in `strerror`'s words ("is a directory", "too many
    /// levels of symbolic links") rather than Foundation's "(NSCocoaErrorDomain error 256.)".
    struct ReadFailure: Error {
        var reason: String
        init(reason: String) { self.reason = reason }
        init(errno code: Int32) { reason = String(cString: strerror(code)).lowercased() }
    }

    private static func reason(_ error: any Error) -> String {
        if let failure = error as? ReadFailure { return failure.reason }
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain,
            let message = strerror(Int32(underlying.code))
        {
            return String(cString: message).lowercased()
        }
        switch nsError.code {
        case NSFileReadNoPermissionError: return "permission denied"
        case NSFileReadNoSuchFileError: return "no such file"
        default: return nsError.localizedDescription
        }
    }
}

extension String {
    func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}

/// `read(2)`, out of reach of ``ParsePipeline/read(_:stamp:)`` inside the class.
private func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    read(fd, buffer, count)
}

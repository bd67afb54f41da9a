import Glibc

// glibc declares pipe2 only under _GNU_SOURCE, which Swift's Glibc module does not define.
// swift-format-ignore: AlwaysUseLowerCamelCase
@_silgen_name("pipe2") private func wake_pipe2(_ ends: UnsafeMutablePointer<Int32>, _ flags: Int32) -> Int32

/// A self-pipe that lets another thread wake the session loop: the loop's key wait also
/// watches ``readEnd``, so a search answer is painted the moment it arrives instead of at
/// the next poll.
///
/// Both ends are non-blocking: a burst of signals fills the pipe at worst, never blocks a
/// search task, and one byte is as good as many. Close-on-exec, so no child inherits them.
final class WakePipe: Sendable {
    /// The end the loop waits on.
    let readEnd: Int32
    private let writeEnd: Int32

    /// Nil when the process is out of file descriptors.
    init?() {
        var ends: [Int32] = [-1, -1]
        // pipe2 sets both flags at once: no window in which a child started by another
        // thread could inherit the ends.
        guard wake_pipe2(&ends, O_CLOEXEC | O_NONBLOCK) == 0 else { return nil }
        readEnd = ends[0]
        writeEnd = ends[1]
    }

    deinit {
        close(readEnd)
        close(writeEnd)
    }

    /// Makes ``readEnd`` readable until the next ``drain()``; callable from any thread.
    func signal() {
        var byte: UInt8 = 1
        _ = write(writeEnd, &byte, 1)  // EAGAIN: the pipe is full, so it is readable already
    }

    /// Empties the pipe. Call it before taking what the signals announced, so a signal sent
    /// meanwhile stays in the pipe and wakes the next wait.
    func drain() {
        var buffer = [UInt8](repeating: 0, count: 64)
        while read(readEnd, &buffer, buffer.count) > 0 {}
    }
}

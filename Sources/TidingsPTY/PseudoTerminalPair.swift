import Glibc

// glibc hides these behind _XOPEN_SOURCE, which Swift's Glibc module does not define.
// swift-format-ignore: AlwaysUseLowerCamelCase
@_silgen_name("posix_openpt") private func pty_posix_openpt(_ flags: Int32) -> Int32
// swift-format-ignore: AlwaysUseLowerCamelCase
@_silgen_name("grantpt") private func pty_grantpt(_ fd: Int32) -> Int32
// swift-format-ignore: AlwaysUseLowerCamelCase
@_silgen_name("unlockpt") private func pty_unlockpt(_ fd: Int32) -> Int32
// swift-format-ignore: AlwaysUseLowerCamelCase
@_silgen_name("ptsname_r") private func pty_ptsname_r(
    _ fd: Int32, _ buffer: UnsafeMutablePointer<CChar>, _ size: Int
) -> Int32

/// A freshly opened pseudo-terminal: the master side, the slave's path and, if asked for,
/// a descriptor on the slave side; closes what it holds when released.
///
/// Every descriptor is close-on-exec. Tests run in parallel, and a master inherited by
/// another test's child (a tmux server, say) would keep this pty from hanging up when its
/// owner closes the master.
public final class PseudoTerminalPair {
    /// The master side (what a terminal emulator holds), or -1 once ``closeMaster()`` ran.
    public private(set) var master: Int32
    /// The slave side's device path (`/dev/pts/N`), which a program opens as its terminal.
    public let slavePath: String
    /// A descriptor on the slave side kept by the caller, when ``init(columns:rows:keepingSlave:)``
    /// was asked to: with it the terminal's settings can be read after the program ends, and
    /// the program's last bytes stay readable on the master after it exits.
    public let slave: Int32?

    /// Opens a pseudo-terminal of `columns` x `rows`.
    public init(columns: Int, rows: Int, keepingSlave: Bool = false) throws {
        let master = pty_posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC)
        guard master >= 0 else {
            throw PseudoTerminalError("cannot open a pseudo-terminal: \(String(cString: strerror(errno)))")
        }
        // posix_openpt is not documented to honour O_CLOEXEC everywhere; set it for certain.
        _ = fcntl(master, F_SETFD, FD_CLOEXEC)
        // ptsname_r, not ptsname: ptsname's static buffer is shared by the tests running in
        // parallel, and one could read another's slave path.
        var name = [CChar](repeating: 0, count: 128)
        guard pty_grantpt(master) == 0, pty_unlockpt(master) == 0, pty_ptsname_r(master, &name, name.count) == 0 else {
            close(master)
            throw PseudoTerminalError("cannot open a pseudo-terminal")
        }
        let slavePath = String(cString: name)
        var slave: Int32?
        if keepingSlave {
            let descriptor = open(slavePath, O_RDWR | O_NOCTTY | O_CLOEXEC)
            guard descriptor >= 0 else {
                close(master)
                throw PseudoTerminalError("cannot open \(slavePath): \(String(cString: strerror(errno)))")
            }
            slave = descriptor
        }
        self.master = master
        self.slavePath = slavePath
        self.slave = slave
        resize(columns: columns, rows: rows)
    }

    deinit {
        closeMaster()
        if let slave { close(slave) }
    }

    /// Sets the window size; the kernel sends SIGWINCH to the terminal's foreground group.
    public func resize(columns: Int, rows: Int) {
        guard master >= 0 else { return }
        var size = winsize(ws_row: UInt16(rows), ws_col: UInt16(columns), ws_xpixel: 0, ws_ypixel: 0)
        _ = ioctl(master, UInt(TIOCSWINSZ), &size)
    }

    /// Closes the master side: the terminal hangs up, as when an SSH connection drops.
    public func closeMaster() {
        if master >= 0 { close(master) }
        master = -1
    }
}

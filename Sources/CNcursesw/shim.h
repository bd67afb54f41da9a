// The C surface of ncursesw that TidingsTerminal uses.
//
// Swift cannot see macros built from expressions (A_BOLD and friends, getmaxyx, KEY_F),
// and in Swift 6 mode it rejects ncurses' mutable globals (stdscr, LINES, COLS) as not
// concurrency-safe, so this header wraps them in small static inline functions.
#ifndef TIDINGS_CNCURSESW_SHIM_H
#define TIDINGS_CNCURSESW_SHIM_H

// SwiftPM drops pkg-config's -D_XOPEN_SOURCE=600, and a cSettings define never reaches
// the Swift importer: without these the wide API (cchar_t, wget_wch, setcchar) is hidden.
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif

#include <locale.h>
#include <langinfo.h>
#include <signal.h>
#include <stdio.h>
#include <termios.h>
#include <poll.h>
#include <unistd.h>
#include <wchar.h>
#include <sys/ioctl.h>
#include <ncursesw/curses.h>

// glibc declares these only under _XOPEN_SOURCE, which Swift's Glibc module does not set.
extern int wcwidth(wchar_t c);
extern int wcswidth(const wchar_t *s, size_t n);

// MARK: Attributes (macros built with NCURSES_BITS)

static inline attr_t tidings_A_NORMAL(void) { return A_NORMAL; }
static inline attr_t tidings_A_BOLD(void) { return A_BOLD; }
static inline attr_t tidings_A_DIM(void) { return A_DIM; }
static inline attr_t tidings_A_REVERSE(void) { return A_REVERSE; }
static inline attr_t tidings_A_UNDERLINE(void) { return A_UNDERLINE; }

// MARK: Globals and function-like macros

static inline WINDOW *tidings_stdscr(void) { return stdscr; }
static inline WINDOW *tidings_curscr(void) { return curscr; }
static inline int tidings_LINES(void) { return LINES; }
static inline int tidings_COLS(void) { return COLS; }
static inline int tidings_COLORS(void) { return COLORS; }
static inline FILE *tidings_stdin(void) { return stdin; }
static inline FILE *tidings_stdout(void) { return stdout; }

/// getmaxyx(win, *rows, *columns).
static inline void tidings_getmaxyx(WINDOW *win, int *rows, int *columns) {
    int y = 0, x = 0;
    if (win != NULL) { getmaxyx(win, y, x); }
    *rows = y;
    *columns = x;
}

/// KEY_F(n): the key code of function key n.
static inline int tidings_KEY_F(int n) { return KEY_F(n); }

// MARK: Drawing and input helpers

/// Draws one cell at (y, x): `count` UTF-32 scalars (one spacing character plus up to
/// four combining ones), with `attrs` and colour pair `pair`. Returns ncurses' result;
/// ERR is expected (and harmless) in the bottom-right corner.
static inline int tidings_put_cell(WINDOW *win, int y, int x, const wchar_t *text,
                                   int count, attr_t attrs, short pair) {
    wchar_t chars[CCHARW_MAX + 1];
    int n = count < CCHARW_MAX ? count : CCHARW_MAX;
    for (int i = 0; i < n; i++) { chars[i] = text[i]; }
    chars[n] = L'\0';
    cchar_t cell;
    if (setcchar(&cell, chars, attrs, pair, NULL) == ERR) { return ERR; }
    return mvwadd_wch(win, y, x, &cell);
}

// MARK: Mouse

/// Turns mouse reporting on: button 1 presses and the wheel (buttons 4 and 5), reported at
/// once (no click-detection delay). ncurses picks the protocol from terminfo: SGR 1006, which
/// has no column limit, where `kmous` is `\E[<` (xterm), else X10. Returns whether any of it
/// can be reported.
static inline int tidings_enable_mouse(void) {
    mmask_t wanted = BUTTON1_PRESSED | BUTTON4_PRESSED;
#ifdef BUTTON5_PRESSED
    wanted |= BUTTON5_PRESSED;
#endif
    mouseinterval(0);
    return mousemask(wanted, NULL) != 0;
}

/// Leaves mouse reporting off, saying so to the terminal (a program before may have left it
/// on).
static inline void tidings_disable_mouse(void) {
    mousemask(0, NULL);
}

/// Reads the mouse event behind KEY_MOUSE: 1 a press of button 1, 2 wheel up, 3 wheel down,
/// 0 anything else (or nothing to read); the cell in `*x`, `*y`.
static inline int tidings_read_mouse(int *x, int *y) {
    MEVENT event;
    if (getmouse(&event) != OK) { return 0; }
    *x = event.x;
    *y = event.y;
    if (event.bstate & BUTTON4_PRESSED) { return 2; }
#ifdef BUTTON5_PRESSED
    if (event.bstate & BUTTON5_PRESSED) { return 3; }
#endif
    if (event.bstate & (BUTTON1_PRESSED | BUTTON1_CLICKED)) { return 1; }
    return 0;
}

/// Bytes waiting to be read on `fd` (FIONREAD), or -1 when the ioctl fails.
/// Swift cannot call the variadic ioctl directly.
static inline int tidings_bytes_available(int fd) {
    int n = 0;
    if (ioctl(fd, FIONREAD, &n) == -1) { return -1; }
    return n;
}

#endif

#ifndef EVENTTOP_CNCURSESW_H
#define EVENTTOP_CNCURSESW_H

// The wide-character API (cchar_t, setcchar, mvwadd_wchnstr, wget_wch) exists only with
// NCURSES_WIDECHAR; it must be defined here, before the include, so the Swift importer sees it
// (a cSettings define reaches only the .c files).
#define NCURSES_WIDECHAR 1
#include <ncursesw/curses.h>

// MARK: - What Swift cannot import: attribute macros and C globals

attr_t eventtop_attr_bold(void);
attr_t eventtop_attr_dim(void);
attr_t eventtop_attr_reverse(void);
attr_t eventtop_attr_underline(void);
attr_t eventtop_attr_italic(void);

WINDOW *eventtop_stdscr(void);
int eventtop_lines(void);
int eventtop_cols(void);
int eventtop_colors(void);
int eventtop_color_pairs(void);

/// Makes the next doupdate clear the physical screen and repaint every cell
/// (clearok on curscr).
void eventtop_force_repaint(void);

/// Reports left-button presses and the wheel (buttons 4 and 5) as KEY_MOUSE, at once.
void eventtop_enable_mouse(void);

/// The mouse event behind a KEY_MOUSE: cell and button (1 left, 4 wheel up, 5 wheel down,
/// 0 other). Returns 0 when there is none.
int eventtop_mouse_event(int *x, int *y, int *button);

// MARK: - The terminal session: /dev/tty, newterm, signals, restoring the terminal

// What eventtop_session_open returns.
#define EVENTTOP_OPEN_OK 0
/// A session is open already (one at a time).
#define EVENTTOP_OPEN_ALREADY 1
/// /dev/tty could not be opened (no controlling terminal); *error holds errno.
#define EVENTTOP_OPEN_NO_TTY 2
/// The terminfo database could not be found.
#define EVENTTOP_OPEN_NO_TERMINFO 3
/// TERM is not in the terminfo database, or is too dumb for a full-screen program.
#define EVENTTOP_OPEN_UNKNOWN_TERM 4
/// newterm failed for another reason.
#define EVENTTOP_OPEN_FAILED 5

/// Opens /dev/tty for input and output, installs eventtop's signal handlers (before newterm,
/// so ncurses keeps its own off SIGINT, SIGTERM and SIGTSTP), checks `term` with setupterm
/// (which then prints nothing and never exits), and starts curses with
/// newterm(term, tty, tty). Registers an atexit handler (once) that restores the terminal.
/// Returns one of EVENTTOP_OPEN_*; on failure nothing stays installed or open.
int eventtop_session_open(const char *term, int *error);

/// Leaves curses mode, frees the screen, closes /dev/tty and puts back the signal handlers
/// found at open. Idempotent.
void eventtop_session_close(void);

/// The terminal's size as the kernel has it (TIOCGWINSZ on /dev/tty): 0, or -1 when unknown.
/// ncurses prefers LINES and COLUMNS from the environment, which a shell or a test runner may
/// have left behind with stale values.
int eventtop_session_window_size(int *row_count, int *column_count);

/// The descriptor keys are read from (-1 when closed).
int eventtop_session_input_fd(void);

/// The read end of the self-pipe the signal handlers write one byte to (-1 when closed):
/// poll it with the input descriptor so a signal always ends a wait.
int eventtop_session_wake_fd(void);

/// Empties the self-pipe.
void eventtop_session_drain_wake(void);

/// The first of SIGINT, SIGTERM, SIGHUP that arrived since the last call, or 0; clears it.
int eventtop_session_take_interrupt(void);

/// Whether SIGTSTP arrived since the last call; clears it.
int eventtop_session_take_stop(void);

/// Whether SIGCONT arrived since the last call; clears it.
int eventtop_session_take_continue(void);

/// Ctrl-Z: leaves curses mode (endwin), stops the process with SIGTSTP's default action and,
/// once continued, returns; the next doupdate restores curses mode (call
/// eventtop_force_repaint first).
void eventtop_session_suspend(void);

/// After SIGCONT without a suspend of ours (kill -STOP; kill -CONT): leaves curses mode so
/// the next doupdate restores the program's terminal modes and repaints.
void eventtop_session_reset_after_continue(void);

#endif

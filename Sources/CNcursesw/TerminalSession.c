// The terminal session: /dev/tty, newterm, eventtop's signal handlers and restoring the
// terminal on close, exit() and fatal signals. The signal handlers only set
// `volatile sig_atomic_t` flags and write one byte to a self-pipe, except the fatal one,
// which must restore the terminal before the process dies (endwin is not async-signal-safe,
// but the process is about to die either way, and this ncurses has no locks to deadlock on).
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "CNcursesw.h"
#include <term.h>
#include <ncursesw/term.h>

static SCREEN *screen;
static FILE *tty_in;
static FILE *tty_out;
static int wake_pipe[2] = {-1, -1};

// Read by the atexit and fatal handlers.
static volatile sig_atomic_t session_open;
// The first quit signal not yet taken (0: none).
static volatile sig_atomic_t pending_interrupt;
static volatile sig_atomic_t pending_stop;
static volatile sig_atomic_t pending_continue;
static volatile sig_atomic_t in_fatal;

static const int quit_signals[] = {SIGINT, SIGTERM, SIGHUP};
#define QUIT_COUNT (sizeof quit_signals / sizeof quit_signals[0])
static struct sigaction saved_quit[QUIT_COUNT];
static struct sigaction saved_tstp;
static struct sigaction saved_cont;
static struct sigaction saved_winch;
// ncurses' own SIGWINCH handler (it sets the flag behind KEY_RESIZE); ours calls it first.
static struct sigaction ncurses_winch;
static int winch_chained;

// Swift traps are SIGILL (x86_64) and SIGTRAP (arm64). SIGQUIT (Ctrl-\) dumps core.
static const int fatal_signals[] = {SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE, SIGQUIT};
#define FATAL_COUNT (sizeof fatal_signals / sizeof fatal_signals[0])
static struct sigaction saved_fatal[FATAL_COUNT];
static int fatal_installed;

static void wake(void) {
    int saved = errno;
    if (wake_pipe[1] >= 0) {
        ssize_t n = write(wake_pipe[1], "s", 1);
        (void)n; // A full pipe already wakes the reader.
    }
    errno = saved;
}

static void on_quit_signal(int sig) {
    if (pending_interrupt == 0) pending_interrupt = sig;
    wake();
}

static void on_stop_signal(int sig) {
    (void)sig;
    pending_stop = 1;
    wake();
}

static void on_continue_signal(int sig) {
    (void)sig;
    pending_continue = 1;
    wake();
}

static void on_winch_signal(int sig, siginfo_t *info, void *context) {
    if (ncurses_winch.sa_flags & SA_SIGINFO) {
        if (ncurses_winch.sa_sigaction != NULL) ncurses_winch.sa_sigaction(sig, info, context);
    } else if (ncurses_winch.sa_handler != SIG_DFL && ncurses_winch.sa_handler != SIG_IGN) {
        ncurses_winch.sa_handler(sig);
    }
    wake();
}

static void on_fatal_signal(int sig, siginfo_t *info, void *context) {
    (void)context;
    if (!in_fatal) {
        in_fatal = 1;
        if (session_open && screen != NULL && !isendwin()) endwin();
    }
    // Put back what was there before (Swift's backtracer, or the default action) and let it
    // act: a fault re-executes its instruction on return; a sent signal is raised again (it
    // stays pending while this handler runs, then reaches the handler put back).
    for (size_t i = 0; i < FATAL_COUNT; i++) {
        if (fatal_signals[i] == sig) {
            sigaction(sig, &saved_fatal[i], NULL);
            break;
        }
    }
    int sent = sig == SIGQUIT || sig == SIGABRT || info == NULL || info->si_code <= 0;
    if (sent) raise(sig);
}

static void install(int sig, void (*handler)(int), struct sigaction *saved) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    sigemptyset(&action.sa_mask);
    action.sa_handler = handler;
    // No SA_RESTART: a signal ends a blocking read or poll at once.
    sigaction(sig, &action, saved);
}

static void install_fatal_handlers(void) {
    if (fatal_installed) return;
    // A stack overflow can only be caught on another stack; keep one the runtime set up.
    stack_t current;
    if (sigaltstack(NULL, &current) == 0 && (current.ss_flags & SS_DISABLE)) {
        static char alternate[64 * 1024];
        stack_t stack = {.ss_sp = alternate, .ss_size = sizeof alternate, .ss_flags = 0};
        sigaltstack(&stack, NULL);
    }
    for (size_t i = 0; i < FATAL_COUNT; i++) {
        struct sigaction action;
        memset(&action, 0, sizeof action);
        sigemptyset(&action.sa_mask);
        action.sa_sigaction = on_fatal_signal;
        action.sa_flags = SA_SIGINFO | SA_ONSTACK;
        sigaction(fatal_signals[i], &action, &saved_fatal[i]);
    }
    fatal_installed = 1;
}

static void restore_fatal_handlers(void) {
    if (!fatal_installed) return;
    for (size_t i = 0; i < FATAL_COUNT; i++) sigaction(fatal_signals[i], &saved_fatal[i], NULL);
    fatal_installed = 0;
}

static void install_session_handlers(void) {
    for (size_t i = 0; i < QUIT_COUNT; i++) install(quit_signals[i], on_quit_signal, &saved_quit[i]);
    install(SIGTSTP, on_stop_signal, &saved_tstp);
    install(SIGCONT, on_continue_signal, &saved_cont);
    install_fatal_handlers();
}

static void restore_session_handlers(void) {
    for (size_t i = 0; i < QUIT_COUNT; i++) sigaction(quit_signals[i], &saved_quit[i], NULL);
    sigaction(SIGTSTP, &saved_tstp, NULL);
    sigaction(SIGCONT, &saved_cont, NULL);
    if (winch_chained) {
        sigaction(SIGWINCH, &saved_winch, NULL);
        winch_chained = 0;
    }
    restore_fatal_handlers();
}

// newterm installs a SIGWINCH handler when there was none; wrap it so a resize also wakes
// a poll running on another thread's signal.
static void chain_winch(void) {
    struct sigaction current;
    if (sigaction(SIGWINCH, NULL, &current) != 0) return;
    ncurses_winch = current;
    struct sigaction action;
    memset(&action, 0, sizeof action);
    sigemptyset(&action.sa_mask);
    action.sa_sigaction = on_winch_signal;
    action.sa_flags = SA_SIGINFO;
    if (sigaction(SIGWINCH, &action, NULL) == 0) winch_chained = 1;
}

static void close_files(void) {
    if (tty_out != NULL) fclose(tty_out);
    if (tty_in != NULL) fclose(tty_in);
    tty_out = NULL;
    tty_in = NULL;
    for (int i = 0; i < 2; i++) {
        if (wake_pipe[i] >= 0) close(wake_pipe[i]);
        wake_pipe[i] = -1;
    }
}

// Terminals without an alternate screen (TERM=linux, vt100) keep whatever was drawn after
// endwin: the last frame would stay under the shell prompt. Blank it first, in the terminal's
// own colors.
static void clear_without_alternate_screen(void) {
    const char *leave = tigetstr("rmcup");
    if (leave != NULL && leave != (char *)-1 && *leave != 0) return;
    wbkgdset(stdscr, ' ');
    wattrset(stdscr, A_NORMAL);
    clear();
    refresh();
}

static void restore_at_exit(void) {
    if (session_open && screen != NULL && !isendwin()) {
        clear_without_alternate_screen();
        endwin();
    }
}

int eventtop_session_open(const char *term, int *error) {
    *error = 0;
    if (screen != NULL) return EVENTTOP_OPEN_ALREADY;

    int fd = open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (fd < 0) {
        *error = errno;
        return EVENTTOP_OPEN_NO_TTY;
    }
    // With an error pointer, setupterm reports instead of printing "Error opening terminal"
    // and exiting as initscr does.
    int status = 0;
    if (setupterm((char *)term, fd, &status) != OK) {
        close(fd);
        return status == -1 ? EVENTTOP_OPEN_NO_TERMINFO : EVENTTOP_OPEN_UNKNOWN_TERM;
    }
    const char *cup = tigetstr("cup");
    int addressable = cup != NULL && cup != (const char *)-1;
    del_curterm(cur_term);
    if (!addressable) {
        close(fd);
        return EVENTTOP_OPEN_UNKNOWN_TERM;
    }

    int in_fd = fcntl(fd, F_DUPFD_CLOEXEC, 0);
    tty_out = fdopen(fd, "w");
    tty_in = in_fd >= 0 ? fdopen(in_fd, "r") : NULL;
    if (tty_out == NULL || tty_in == NULL || pipe2(wake_pipe, O_CLOEXEC | O_NONBLOCK) != 0) {
        *error = errno;
        if (tty_out == NULL) close(fd);
        if (tty_in == NULL && in_fd >= 0) close(in_fd);
        close_files();
        return EVENTTOP_OPEN_NO_TTY;
    }

    pending_interrupt = 0;
    pending_stop = 0;
    pending_continue = 0;
    // Before newterm: ncurses installs its own SIGINT, SIGTERM and SIGTSTP handlers only
    // where it finds the default action.
    install_session_handlers();
    // What to put back at close: the SIGWINCH action before ncurses (the default, usually).
    sigaction(SIGWINCH, NULL, &saved_winch);
    screen = newterm((char *)term, tty_out, tty_in);
    if (screen == NULL) {
        restore_session_handlers();
        close_files();
        return EVENTTOP_OPEN_FAILED;
    }
    set_term(screen);
    chain_winch();
    session_open = 1;
    static int registered;
    if (!registered) registered = atexit(restore_at_exit) == 0;
    return EVENTTOP_OPEN_OK;
}

void eventtop_session_close(void) {
    if (screen == NULL) return;
    if (!isendwin()) {
        clear_without_alternate_screen();
        endwin();
    }
    session_open = 0;
    restore_session_handlers();
    delscreen(screen);
    screen = NULL;
    close_files();
}

int eventtop_session_window_size(int *row_count, int *column_count) {
    struct winsize size;
    if (tty_out == NULL || ioctl(fileno(tty_out), TIOCGWINSZ, &size) != 0 || size.ws_row == 0 || size.ws_col == 0)
        return -1;
    *row_count = size.ws_row;
    *column_count = size.ws_col;
    return 0;
}

int eventtop_session_input_fd(void) { return tty_in != NULL ? fileno(tty_in) : -1; }

int eventtop_session_wake_fd(void) { return wake_pipe[0]; }

void eventtop_session_drain_wake(void) {
    if (wake_pipe[0] < 0) return;
    char buffer[64];
    while (read(wake_pipe[0], buffer, sizeof buffer) > 0) {}
}

int eventtop_session_take_interrupt(void) {
    int sig = pending_interrupt;
    if (sig != 0) pending_interrupt = 0;
    return sig;
}

int eventtop_session_take_stop(void) {
    int stop = pending_stop;
    if (stop) pending_stop = 0;
    return stop;
}

int eventtop_session_take_continue(void) {
    int cont = pending_continue;
    if (cont) pending_continue = 0;
    return cont;
}

void eventtop_session_suspend(void) {
    if (screen == NULL) return;
    if (!isendwin()) endwin();
    struct sigaction stop_default, ours;
    memset(&stop_default, 0, sizeof stop_default);
    sigemptyset(&stop_default.sa_mask);
    stop_default.sa_handler = SIG_DFL;
    sigaction(SIGTSTP, &stop_default, &ours);
    sigset_t tstp, previous;
    sigemptyset(&tstp);
    sigaddset(&tstp, SIGTSTP);
    pthread_sigmask(SIG_UNBLOCK, &tstp, &previous);
    raise(SIGTSTP); // Stops here until SIGCONT.
    pthread_sigmask(SIG_SETMASK, &previous, NULL);
    sigaction(SIGTSTP, &ours, NULL);
}

void eventtop_session_reset_after_continue(void) {
    // Someone else may have changed the terminal's modes while we were stopped.
    if (screen != NULL && !isendwin()) reset_prog_mode();
}

#include "CNcursesw.h"

attr_t eventtop_attr_bold(void) { return A_BOLD; }
attr_t eventtop_attr_dim(void) { return A_DIM; }
attr_t eventtop_attr_reverse(void) { return A_REVERSE; }
attr_t eventtop_attr_underline(void) { return A_UNDERLINE; }
attr_t eventtop_attr_italic(void) { return A_ITALIC; }

WINDOW *eventtop_stdscr(void) { return stdscr; }
int eventtop_lines(void) { return LINES; }
int eventtop_cols(void) { return COLS; }
int eventtop_colors(void) { return COLORS; }
int eventtop_color_pairs(void) { return COLOR_PAIRS; }

#if NCURSES_MOUSE_VERSION > 1
#define EVENTTOP_WHEEL_DOWN BUTTON5_PRESSED
#else
#define EVENTTOP_WHEEL_DOWN 0
#endif

void eventtop_enable_mouse(void) {
    // Releases are asked for too: ncurses 6.4 drops a release outside the mask and then
    // blocks in read() for the next input, which would freeze the screen after a click.
    mousemask(BUTTON1_PRESSED | BUTTON1_RELEASED | BUTTON2_PRESSED | BUTTON2_RELEASED | BUTTON3_PRESSED |
                  BUTTON3_RELEASED | BUTTON4_PRESSED | EVENTTOP_WHEEL_DOWN,
              NULL);
    mouseinterval(0);
}

int eventtop_mouse_event(int *x, int *y, int *button) {
    // Several events may wait (a press and its release read together): report a press if
    // any, else the last event as "other".
    MEVENT event;
    int found = 0;
    *button = 0;
    while (getmouse(&event) == OK) {
        int kind = 0;
        if (event.bstate & BUTTON4_PRESSED) kind = 4;
        else if (EVENTTOP_WHEEL_DOWN && (event.bstate & EVENTTOP_WHEEL_DOWN)) kind = 5;
        else if (event.bstate & BUTTON1_PRESSED) kind = 1;
        if (!found || (*button == 0 && kind != 0)) {
            *x = event.x;
            *y = event.y;
            *button = kind;
        }
        found = 1;
    }
    return found;
}

void eventtop_force_repaint(void) {
    if (curscr != NULL) clearok(curscr, TRUE);
}

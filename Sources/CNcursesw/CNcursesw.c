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

void eventtop_enable_mouse(void) {
    mousemask(BUTTON1_PRESSED | BUTTON4_PRESSED | BUTTON5_PRESSED, NULL);
    mouseinterval(0);
}

int eventtop_mouse_event(int *x, int *y, int *button) {
    MEVENT event;
    if (getmouse(&event) != OK) return 0;
    *x = event.x;
    *y = event.y;
    if (event.bstate & BUTTON4_PRESSED) *button = 4;
    else if (event.bstate & BUTTON5_PRESSED) *button = 5;
    else if (event.bstate & BUTTON1_PRESSED) *button = 1;
    else *button = 0;
    return 1;
}

void eventtop_force_repaint(void) {
    if (curscr != NULL) clearok(curscr, TRUE);
}

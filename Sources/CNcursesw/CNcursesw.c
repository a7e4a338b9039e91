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

void eventtop_force_repaint(void) {
    if (curscr != NULL) clearok(curscr, TRUE);
}

/* Everything is in the header (static inline, so Swift inlines it); SwiftPM needs a source. */
#include "CByteScan.h"

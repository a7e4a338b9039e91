#define _GNU_SOURCE
#include <fcntl.h>
#include <langinfo.h>
#include <malloc.h>
#include <stdio.h>
#include <wchar.h>
#include "CSystem.h"

int eventtop_exchange_paths(const char *a, const char *b) {
    return renameat2(AT_FDCWD, a, AT_FDCWD, b, RENAME_EXCHANGE);
}

int eventtop_wcwidth(unsigned int codepoint) {
    return wcwidth((wchar_t)codepoint);
}

const char *eventtop_codeset(void) {
    return nl_langinfo(CODESET);
}

int eventtop_keep_freed_memory(unsigned long bytes) {
#if defined(__GLIBC__)
    return mallopt(M_TRIM_THRESHOLD, bytes > 0x7fffffffUL ? 0x7fffffff : (int)bytes);
#else
    (void)bytes;
    return 0;
#endif
}

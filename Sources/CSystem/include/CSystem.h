#ifndef EVENTTOP_CSYSTEM_H
#define EVENTTOP_CSYSTEM_H

/// Atomically exchanges two paths (Linux renameat2 with RENAME_EXCHANGE): both must exist.
/// Returns 0, or -1 with errno set (ENOSYS or EINVAL where the kernel or file system lacks it).
int eventtop_exchange_paths(const char *a, const char *b);

/// Columns a wide character takes on a terminal (the C library's wcwidth, which Swift's Glibc
/// module hides): -1 for non-printable characters or ones the current LC_CTYPE does not know.
int eventtop_wcwidth(unsigned int codepoint);

/// The current LC_CTYPE's character set name, such as "UTF-8" (nl_langinfo(CODESET)).
const char *eventtop_codeset(void);

/// Keeps up to `bytes` of freed memory in the process instead of handing it back to the kernel
/// (glibc's mallopt M_TRIM_THRESHOLD; nothing elsewhere): for runs that free and allocate the
/// same buffers for each of hundreds of files. Returns 1 when applied.
int eventtop_keep_freed_memory(unsigned long bytes);

#endif

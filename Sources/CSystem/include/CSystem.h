#ifndef EVENTTOP_CSYSTEM_H
#define EVENTTOP_CSYSTEM_H

/// Atomically exchanges two paths (Linux renameat2 with RENAME_EXCHANGE): both must exist.
/// Returns 0, or -1 with errno set (ENOSYS or EINVAL where the kernel or file system lacks it).
int eventtop_exchange_paths(const char *a, const char *b);

#endif

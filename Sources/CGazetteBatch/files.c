#define _GNU_SOURCE
#include "gazette_batch.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

#ifndef RENAME_NOREPLACE
#define RENAME_NOREPLACE (1 << 0)
#endif

int gazette_rename_noreplace(int directory, const char *from, const char *to) {
    if (renameat2(directory, from, directory, to, RENAME_NOREPLACE) == 0) return 0;
    if (errno != EINVAL && errno != ENOSYS) return errno;
    // File systems without RENAME_NOREPLACE: a hard link fails just as atomically when `to` exists.
    if (linkat(directory, from, directory, to, 0) != 0) return errno;
    return unlinkat(directory, from, 0) == 0 ? 0 : errno;
}

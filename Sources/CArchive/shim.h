// libarchive's public headers use plain C types only (no ICU), so Swift can import them next to Foundation.
#include <archive.h>
#include <archive_entry.h>

// Releases what the functions of gazette_batch.h allocate.

#include "gazette_batch.h"

#include <stdlib.h>

void gazette_free(void *pointer) { free(pointer); }

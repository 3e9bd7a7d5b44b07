// Declarations only (fuzzer_driver.h): a C target needs one source file.
#include "fuzzer_driver.h"

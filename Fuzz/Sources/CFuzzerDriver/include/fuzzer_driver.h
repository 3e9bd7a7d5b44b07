#ifndef GAZETTE_FUZZER_DRIVER_H
#define GAZETTE_FUZZER_DRIVER_H
#include <stddef.h>
#include <stdint.h>

/// libFuzzer's driver (in clang's fuzzer runtime, linked by -sanitize=fuzzer): parses libFuzzer's flags in argv and
/// runs `callback` on each input. The harnesses call it from their own main, because SwiftPM gives every
/// executable target a Swift main of its own, which would otherwise hide libFuzzer's.
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));

#endif

#ifndef EVENTTOP_CFUZZING_H
#define EVENTTOP_CFUZZING_H
#include <stddef.h>
#include <stdint.h>

/// libFuzzer's driver (LLVM 11 and later), for a main of our own: SwiftPM links an executable's
/// entry as `<product>_main`, so the fuzzers define that and hand over to libFuzzer.
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));

#endif

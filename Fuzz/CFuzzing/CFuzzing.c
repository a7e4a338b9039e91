// Declarations only (include/CFuzzing.h): libFuzzer defines LLVMFuzzerRunDriver in fuzzer builds.
#include "CFuzzing.h"

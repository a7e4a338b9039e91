#ifndef EVENTTOP_CBYTESCAN_H
#define EVENTTOP_CBYTESCAN_H

#include <stdint.h>

/// Which of the 16 bytes at `p` a JSON string scan must look at — `"`, `\`, below 0x20 or at
/// or above 0x80 — as bits (bit k: byte k). One SSE2 compare each where the machine has it:
/// Swift's SIMD types compare 16 bytes at once but cannot hand back such a mask without a
/// generic call. `p` must have 16 readable bytes.
#if defined(__SSE2__)
#include <emmintrin.h>
static inline uint32_t eventtop_string_attention16(const uint8_t *p) {
    __m128i v = _mm_loadu_si128((const __m128i *)p);
    __m128i quote = _mm_cmpeq_epi8(v, _mm_set1_epi8('"'));
    __m128i backslash = _mm_cmpeq_epi8(v, _mm_set1_epi8('\\'));
    /* As signed bytes, below 0x20 means 0x00-0x1F or 0x80-0xFF. */
    __m128i other = _mm_cmplt_epi8(v, _mm_set1_epi8(0x20));
    return (uint32_t)_mm_movemask_epi8(_mm_or_si128(_mm_or_si128(quote, backslash), other));
}
#else
static inline uint32_t eventtop_string_attention16(const uint8_t *p) {
    uint32_t mask = 0;
    for (int k = 0; k < 16; k++) {
        uint8_t b = p[k];
        if (b == '"' || b == '\\' || b < 0x20 || b >= 0x80) mask |= 1u << k;
    }
    return mask;
}
#endif

#endif

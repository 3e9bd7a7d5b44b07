// Topic row sums over AVX2: eight lanes per register, two registers per 16-label chunk. The baseline x86-64 build
// (SSE2) converts the 8-bit weights to float four at a time; AVX2 does eight, which is where the time went.
//
// Bit-identical to the Swift kernel (TopicLogitsKernel): every lane adds its products in the rows' order, and a
// product is rounded before it is added. Contraction into multiply-add is switched off below (and "avx2" alone
// does not enable FMA instructions).

#include "gazette_kernels.h"

#pragma STDC FP_CONTRACT OFF
#if defined(__clang__)
#pragma clang fp contract(off)
#endif

#if defined(__x86_64__) || defined(__i386__)

#include <immintrin.h>

int gazette_kernels_have_avx2(void) {
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx2") ? 1 : 0;
}

#define GAZETTE_AVX2 __attribute__((target("avx2")))

/// Sums of `width` (1 to 4) chunks from chunk `first` on, in registers; `width` is a constant at each call.
/// Returns the sum of the squared values (added in order, as the sums).
static inline GAZETTE_AVX2 __attribute__((always_inline)) float
row_sums_group(const int8_t *rows, const intptr_t *row_offsets, const float *values, size_t count, size_t first,
               int width, float *sums) {
    float squares = 0;
    __m256 low[4], high[4];
    for (int c = 0; c < width; c++) {
        low[c] = _mm256_setzero_ps();
        high[c] = _mm256_setzero_ps();
    }
    for (size_t i = 0; i < count; i++) {
        squares += values[i] * values[i];
        const __m256 factor = _mm256_set1_ps(values[i]);
        const int8_t *row = rows + row_offsets[i] + first * 16;
        for (int c = 0; c < width; c++) {
            const __m128i bytes = _mm_loadu_si128((const __m128i *)(const void *)(row + c * 16));
            const __m256 weightsLow = _mm256_cvtepi32_ps(_mm256_cvtepi8_epi32(bytes));
            const __m256 weightsHigh = _mm256_cvtepi32_ps(_mm256_cvtepi8_epi32(_mm_unpackhi_epi64(bytes, bytes)));
            low[c] = _mm256_add_ps(low[c], _mm256_mul_ps(factor, weightsLow));
            high[c] = _mm256_add_ps(high[c], _mm256_mul_ps(factor, weightsHigh));
        }
    }
    for (int c = 0; c < width; c++) {
        _mm256_storeu_ps(sums + (first + c) * 16, low[c]);
        _mm256_storeu_ps(sums + (first + c) * 16 + 8, high[c]);
    }
    return squares;
}

GAZETTE_AVX2 float gazette_topic_row_sums_avx2(const void *rows, const intptr_t *row_offsets, const float *values,
                                               size_t count, size_t chunks, float *sums) {
    // Up to four chunks (64 labels) in one pass over the rows; more take further passes, which leaves each lane's
    // order of additions as it is (and each pass gives the same sum of squares).
    const int8_t *bytes = (const int8_t *)rows;
    float squares = 0;
    size_t first = 0;
    while (first < chunks) {
        switch (chunks - first) {
        case 1: squares = row_sums_group(bytes, row_offsets, values, count, first, 1, sums); first += 1; break;
        case 2: squares = row_sums_group(bytes, row_offsets, values, count, first, 2, sums); first += 2; break;
        case 3: squares = row_sums_group(bytes, row_offsets, values, count, first, 3, sums); first += 3; break;
        default: squares = row_sums_group(bytes, row_offsets, values, count, first, 4, sums); first += 4; break;
        }
    }
    return squares;
}

#else

// Other processors have no AVX2, so Gazette runs its Swift kernel; this plain loop (the same arithmetic) only keeps
// the function defined everywhere.
int gazette_kernels_have_avx2(void) { return 0; }

float gazette_topic_row_sums_avx2(const void *rows, const intptr_t *row_offsets, const float *values, size_t count,
                                  size_t chunks, float *sums) {
    float squares = 0;
    for (size_t lane = 0; lane < chunks * 16; lane++) sums[lane] = 0;
    for (size_t i = 0; i < count; i++) {
        const int8_t *row = (const int8_t *)rows + row_offsets[i];
        squares += values[i] * values[i];
        for (size_t lane = 0; lane < chunks * 16; lane++) sums[lane] += values[i] * (float)row[lane];
    }
    return squares;
}

#endif

#ifndef GAZETTE_KERNELS_H
#define GAZETTE_KERNELS_H

// Plain-C kernels that Gazette chooses at run time by what the processor offers. Each has a Swift kernel that does
// the same arithmetic in the same order (the fallback and the reference), and a test that holds them bit for bit.

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// 1 when the processor (and the operating system) runs AVX2 code, else 0. Asks the processor at each call: callers
/// ask once and keep the answer.
int gazette_kernels_have_avx2(void);

/// Topic row sums with AVX2: for each chunk c < `chunks` and lane l < 16,
/// `sums[c * 16 + l] = sum over i in order of values[i] * (float)rows[row_offsets[i] + c * 16 + l]`,
/// each product rounded to float and then added (never fused), starting from 0; returns the sum of the squared values
/// (added in order). `rows` is the weight table's storage; each row holds `chunks * 16` signed bytes from its offset.
/// Only call when `gazette_kernels_have_avx2()`.
float gazette_topic_row_sums_avx2(const void *rows, const intptr_t *row_offsets, const float *values, size_t count,
                                  size_t chunks, float *sums);

#ifdef __cplusplus
}
#endif

#endif

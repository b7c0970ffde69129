// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
//
// The register tile of a dense product on packed panels, and the loop of tiles over a block of rows, shared by
// prediction's layers (dense_inference.c) and RigL's dense gradient (sparse_kernels.c): both compute every output as
// one sum in the same fixed order.
#ifndef OVERPARAM_DENSE_TILE_H
#define OVERPARAM_DENSE_TILE_H

#include <immintrin.h>

#define KERNEL __attribute__((target("avx2,fma")))
#define PANEL 16
#define TILE_ROWS 6

// out[r][0..16) = act(bias[0..16) + Σ_p in[r][p] · panel[p][0..16)) for r in [0, rows), rows ≤ TILE_ROWS; a
// constant rows (the callers' switch) lets the compiler keep the tile in registers.
KERNEL __attribute__((always_inline)) static inline void tile(const float* in, long lda, int k, const float* panel,
    const float* bias, int relu, float* out, long ldc, const int rows) {
  __m256 acc[TILE_ROWS][2];
  const __m256 b0 = _mm256_load_ps(bias);
  const __m256 b1 = _mm256_load_ps(bias + 8);
  _Pragma("GCC unroll 6") for (int r = 0; r < rows; r++) {
    acc[r][0] = b0;
    acc[r][1] = b1;
  }
  for (int p = 0; p < k; p++) {
    const __m256 w0 = _mm256_load_ps(panel + (long) PANEL * p);
    const __m256 w1 = _mm256_load_ps(panel + (long) PANEL * p + 8);
    _Pragma("GCC unroll 6") for (int r = 0; r < rows; r++) {
      const __m256 a = _mm256_broadcast_ss(in + r * lda + p);
      acc[r][0] = _mm256_fmadd_ps(a, w0, acc[r][0]);
      acc[r][1] = _mm256_fmadd_ps(a, w1, acc[r][1]);
    }
  }
  const __m256 zero = _mm256_setzero_ps();
  _Pragma("GCC unroll 6") for (int r = 0; r < rows; r++) {
    __m256 lo = acc[r][0];
    __m256 hi = acc[r][1];
    if (relu) {
      lo = _mm256_max_ps(lo, zero);
      hi = _mm256_max_ps(hi, zero);
    }
    _mm256_store_ps(out + r * ldc, lo);
    _mm256_store_ps(out + r * ldc + 8, hi);
  }
}

// One layer on a block of rows: out (rows x 16·panels, on 64-byte rows) from in (rows x k, row stride lda), the
// panels and their bias packed one after the other.
KERNEL __attribute__((unused)) static void layer(const float* in, long lda, int rows, int k, const float* packed,
    const float* bias, int panels, int relu, float* out, long ldc) {
  for (int j = 0; j < panels; j++) {
    const float* panel = packed + (long) j * k * PANEL;
    const float* b = bias + (long) j * PANEL;
    float* o = out + (long) j * PANEL;
    int r = 0;
    for (; r + TILE_ROWS <= rows; r += TILE_ROWS) {
      tile(in + r * lda, lda, k, panel, b, relu, o + r * ldc, ldc, TILE_ROWS);
    }
    switch (rows - r) {
      case 5: tile(in + r * lda, lda, k, panel, b, relu, o + r * ldc, ldc, 5); break;
      case 4: tile(in + r * lda, lda, k, panel, b, relu, o + r * ldc, ldc, 4); break;
      case 3: tile(in + r * lda, lda, k, panel, b, relu, o + r * ldc, ldc, 3); break;
      case 2: tile(in + r * lda, lda, k, panel, b, relu, o + r * ldc, ldc, 2); break;
      case 1: tile(in + r * lda, lda, k, panel, b, relu, o + r * ldc, ldc, 1); break;
      default: break;
    }
  }
}

#endif

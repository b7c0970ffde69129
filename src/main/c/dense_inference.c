// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
//
// Prediction's forward pass through dense layers, for org.overparam.engine.NativeDenseKernels (see there for
// the layout and the contract). A prediction call holds about 100 rows (Weka's batch); a BLAS GEMM packs the weights
// again on every call although they do not change, and the bias and the activation then take passes of their own.
// Here each layer's weights are packed once, into panels of 16 columns, each panel a k x 16 block on a 64-byte
// boundary. A 6-row by
// 16-column tile of the output lives in twelve AVX registers while its panel streams past, starting from the bias
// and ending in the activation, so the bias and the ReLU cost no pass of their own.
//
// Every output is one sum in a fixed order (the bias, then the inputs in order), whichever tile computes it, so the
// bits depend on neither the number of rows nor where a block of rows starts.
#include <jni.h>
#include <immintrin.h>
#include <stdint.h>

#define KERNEL __attribute__((target("avx2,fma")))
#define PANEL 16
#define TILE_ROWS 6

static void fail(JNIEnv* env, const char* message) {
  jclass c = (*env)->FindClass(env, "java/lang/IllegalArgumentException");
  if (c != NULL) {
    (*env)->ThrowNew(env, c, message);
  }
}

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

// One layer on a block of rows: out (rows x round16(n), on 64-byte rows) from in (rows x k, row stride lda).
KERNEL static void layer(const float* in, long lda, int rows, int k, const float* packed, const float* bias,
    int panels, int relu, float* out, long ldc) {
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

// Whether [offset, offset + floats) lies inside the direct buffer and the buffer starts on a 64-byte boundary.
static float* within(JNIEnv* env, jobject buffer, jlong offset, jlong floats) {
  float* at = (*env)->GetDirectBufferAddress(env, buffer);
  jlong bytes = (*env)->GetDirectBufferCapacity(env, buffer);
  if (at == NULL || (uintptr_t) at % 64 != 0 || offset < 0 || floats < 0 || offset % 16 != 0
      || (offset + floats) * 4 > bytes) {
    return NULL;
  }
  return at + offset;
}

// out[r][16j .. 16j + 16) for r in [0, rows) and panels j in [panelFrom, panelTo) of one layer (see
// NativeDenseKernels.layer for the layout); each output is computed whole here, so the bits do not depend on how
// the panels are shared among threads.
JNIEXPORT void JNICALL Java_org_overparam_engine_NativeDenseKernels_layer(JNIEnv* env, jclass cls, jobject inBuffer,
    jint lda, jint rows, jint k, jobject modelBuffer, jlong modelOffset, jint width, jint panelFrom, jint panelTo,
    jboolean relu, jobject outBuffer, jint ldc) {
  (void) cls;
  long panels = ((long) width + PANEL - 1) / PANEL;
  if (rows < 0 || k < 1 || width < 1 || lda < k || lda % PANEL != 0 || ldc < panels * PANEL || ldc % PANEL != 0
      || panelFrom < 0 || panelFrom > panelTo || panelTo > panels) {
    fail(env, "the dense kernels' sizes do not agree (rows, inputs, width, strides or panels)");
    return;
  }
  const float* in = within(env, inBuffer, 0, (jlong) lda * rows);
  const float* packed = within(env, modelBuffer, modelOffset, panels * PANEL * ((jlong) k + 1));
  float* out = within(env, outBuffer, 0, (jlong) ldc * rows);
  if (in == NULL || packed == NULL || out == NULL) {
    fail(env, "the dense kernels' buffers are missing, unaligned or too small for the layer and rows");
    return;
  }
  layer(in, lda, rows, k, packed + (long) panelFrom * k * PANEL, packed + panels * PANEL * k + (long) panelFrom * PANEL,
      panelTo - panelFrom, relu, out + (long) panelFrom * PANEL, ldc);
}

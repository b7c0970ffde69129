// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
//
// Prediction's forward pass through dense layers, for org.overparam.engine.NativeDenseKernels (see there for
// the layout and the contract). A prediction call holds about 100 rows (Weka's batch); a BLAS GEMM packs the weights
// again on every call although they do not change, and the bias and the activation then take passes of their own.
// Here each layer's weights are packed once, into panels of 16 columns, each panel a k x 16 block on a 64-byte
// boundary. A 6-row by 16-column tile of the output lives in twelve AVX registers while its panel streams past,
// starting from the bias and ending in the activation, so the bias and the ReLU cost no pass of their own
// (dense_tile.h).
//
// Every output is one sum in a fixed order (the bias, then the inputs in order), whichever tile computes it, so the
// bits depend on neither the number of rows nor where a block of rows starts.
#include <jni.h>
#include <stdint.h>
#include "dense_tile.h"
#include "jni_fail.h"

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

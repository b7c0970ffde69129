// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
//
// The sparse engine's three products in AVX2 with fused multiply-adds, for
// org.overparam.engine.NativeSparseKernels (see there for the layout and the contract). C2 cannot keep a block of
// the batch in registers across a column's weights, so its loops load and store the accumulator per weight; here
// eight vectors of the batch stay in registers while a column's weights stream past (about 1.3-1.4x the Java
// forward and input-gradient products, 2.5-2.7x its weight gradient, whose sums over the batch C2 does not vectorise).
//
// Every output element is one sum in a fixed order (over a column's weights in storage order, or over the batch
// in eight lanes then a fixed tree), whichever code path (64, 8 or 1 batch values at a time) computes it, so the
// bits do not depend on the batch size's remainder nor on how the Java side splits the outputs among threads.
// The library itself is compiled for any x86-64 CPU; only the kernels use AVX2 and FMA, and Java calls them only
// where supported() says the CPU has both.
#include <jni.h>
#include <immintrin.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include "dense_tile.h"
#include "jni_fail.h"

JNIEXPORT jboolean JNICALL Java_org_overparam_engine_NativeSparseKernels_supported(JNIEnv* env, jclass cls) {
  (void) env;
  (void) cls;
  __builtin_cpu_init();
  return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma") ? JNI_TRUE : JNI_FALSE;
}

// The rows of a float[][], each at least `batch` long: references first (JNI calls are not allowed while
// arrays are pinned), then copied (copyRows) or pinned together (pinRows).
typedef struct {
  int n;
  jfloatArray* ref;
  float** at;
  float* copy; // the rows copied into one aligned block (copyRows), or NULL where they are pinned
} Rows;

static int rowsOf(JNIEnv* env, jobjectArray array, int batch, Rows* rows) {
  rows->n = (*env)->GetArrayLength(env, array);
  rows->ref = malloc(sizeof(jfloatArray) * (rows->n + 1));
  rows->at = malloc(sizeof(float*) * (rows->n + 1));
  if (rows->ref == NULL || rows->at == NULL) {
    fail(env, "no native memory for the sparse kernels' row table");
    return 0;
  }
  for (int i = 0; i < rows->n; i++) {
    rows->ref[i] = (jfloatArray) (*env)->GetObjectArrayElement(env, array, i);
    if (rows->ref[i] == NULL || (*env)->GetArrayLength(env, rows->ref[i]) < batch) {
      fail(env, "a row of the sparse kernels' activations is missing or shorter than the batch");
      return 0;
    }
  }
  return 1;
}

// A local reference frame for the rows of both arrays (a reference per row; b may be NULL).
static int localFrame(JNIEnv* env, jobjectArray a, jobjectArray b) {
  return (*env)->PushLocalFrame(env, (*env)->GetArrayLength(env, a) + (b ? (*env)->GetArrayLength(env, b) : 0) + 16)
      == 0;
}

// Floats between the starts of two rows that copyRows copied, or that SharedOperand staged (its stride(), the same
// rule): the batch rounded up to whole cache lines.
static size_t copyStride(int batch) {
  return ((size_t) (batch > 0 ? batch : 1) + 15) & ~(size_t) 15;
}

// The rows of an operand every output reads (RigL's gradient panels' input and deltas), copied into one block with
// each row on a 64-byte boundary, as SharedOperand stages the products' operand: Java's arrays start 16 bytes into
// a cache line, so half of the 32-byte loads from pinned rows straddle two lines (a C probe: 11.4 against 13.4
// billion multiply-adds per second); the copy costs one pass over the rows, which every row's many readers repay.
// Before any pinning (JNI).
static int copyRows(JNIEnv* env, Rows* rows, int batch) {
  size_t stride = copyStride(batch);
  rows->copy = aligned_alloc(64, sizeof(float) * stride * (rows->n > 0 ? rows->n : 1));
  if (rows->copy == NULL) {
    fail(env, "no native memory for the sparse kernels' copy of a layer's activations");
    return 0;
  }
  for (int i = 0; i < rows->n; i++) {
    rows->at[i] = rows->copy + stride * i;
    (*env)->GetFloatArrayRegion(env, rows->ref[i], 0, batch, rows->at[i]);
  }
  return !(*env)->ExceptionCheck(env);
}

// The rows of an operand the Java side staged (SharedOperand): `n` rows of copyStride(batch) floats each, on 64-byte
// boundaries, in a direct buffer, copied once per step by the engine's threads instead of once per call and thread
// (a native call fetched a row in 62 ns through JNI; Java's bulk copy into the buffer takes 16). Before any pinning.
static int stagedRows(JNIEnv* env, jobject block, int n, int batch, Rows* rows) {
  float* base = (*env)->GetDirectBufferAddress(env, block);
  jlong bytes = (*env)->GetDirectBufferCapacity(env, block);
  size_t stride = copyStride(batch);
  if (base == NULL || n < 0 || bytes < 0 || (size_t) bytes < sizeof(float) * stride * (size_t) n) {
    fail(env, "the sparse kernels' staged rows are not a direct buffer of their rows");
    return 0;
  }
  rows->n = n;
  rows->at = malloc(sizeof(float*) * ((size_t) n + 1));
  if (rows->at == NULL) {
    fail(env, "no native memory for the sparse kernels' row table");
    return 0;
  }
  for (int i = 0; i < n; i++) {
    rows->at[i] = base + stride * i;
  }
  return 1;
}

static void pinRows(JNIEnv* env, Rows* rows) {
  for (int i = 0; i < rows->n; i++) {
    rows->at[i] = (*env)->GetPrimitiveArrayCritical(env, rows->ref[i], NULL);
  }
}

static void unpinRows(JNIEnv* env, Rows* rows, jint mode) {
  for (int i = rows->n - 1; i >= 0; i--) {
    if (rows->at[i] != NULL) {
      (*env)->ReleasePrimitiveArrayCritical(env, rows->ref[i], rows->at[i], mode);
    }
  }
}

static void freeRows(Rows* rows) {
  free(rows->ref);
  free(rows->at);
  free(rows->copy);
}

static int allPinned(Rows* rows) {
  for (int i = 0; i < rows->n; i++) {
    if (rows->at[i] == NULL) {
      return 0;
    }
  }
  return 1;
}

// Whether index[t] lies in [0, limit) for every t in [from, to): a bad index would read outside the Java heap.
static int indicesWithin(const jint* index, int from, int to, int limit) {
  for (int t = from; t < to; t++) {
    if ((unsigned) index[t] >= (unsigned) limit) {
      return 0;
    }
  }
  return 1;
}

static int startsAscending(const jint* start, int n, int entries) {
  if (start[0] < 0 || start[n] > entries) {
    return 0;
  }
  for (int o = 0; o < n; o++) {
    if (start[o] > start[o + 1]) {
      return 0;
    }
  }
  return 1;
}

// acc[b] = init + Σ_{t in [from, to)} value[perm ? perm[t] : t] · src[index[t]][b] for b in [0, batch), or, where
// `resume`, acc[b] + the same sum: a sum resumed from the float it stopped at is the same sum as one run through.
KERNEL __attribute__((always_inline)) static inline void accumulate(int from, int to, const jint* index,
    const jint* perm, const float* value, float* const* src, float init, float* acc, int batch, int resume) {
  int b = 0;
  for (; b + 64 <= batch; b += 64) {
    __m256 a0, a1, a2, a3, a4, a5, a6, a7;
    if (resume) {
      a0 = _mm256_loadu_ps(acc + b);
      a1 = _mm256_loadu_ps(acc + b + 8);
      a2 = _mm256_loadu_ps(acc + b + 16);
      a3 = _mm256_loadu_ps(acc + b + 24);
      a4 = _mm256_loadu_ps(acc + b + 32);
      a5 = _mm256_loadu_ps(acc + b + 40);
      a6 = _mm256_loadu_ps(acc + b + 48);
      a7 = _mm256_loadu_ps(acc + b + 56);
    } else {
      a0 = _mm256_set1_ps(init), a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0, a6 = a0, a7 = a0;
    }
    for (int t = from; t < to; t++) {
      __m256 w = _mm256_set1_ps(value[perm ? perm[t] : t]);
      const float* x = src[index[t]] + b;
      a0 = _mm256_fmadd_ps(w, _mm256_loadu_ps(x), a0);
      a1 = _mm256_fmadd_ps(w, _mm256_loadu_ps(x + 8), a1);
      a2 = _mm256_fmadd_ps(w, _mm256_loadu_ps(x + 16), a2);
      a3 = _mm256_fmadd_ps(w, _mm256_loadu_ps(x + 24), a3);
      a4 = _mm256_fmadd_ps(w, _mm256_loadu_ps(x + 32), a4);
      a5 = _mm256_fmadd_ps(w, _mm256_loadu_ps(x + 40), a5);
      a6 = _mm256_fmadd_ps(w, _mm256_loadu_ps(x + 48), a6);
      a7 = _mm256_fmadd_ps(w, _mm256_loadu_ps(x + 56), a7);
    }
    _mm256_storeu_ps(acc + b, a0);
    _mm256_storeu_ps(acc + b + 8, a1);
    _mm256_storeu_ps(acc + b + 16, a2);
    _mm256_storeu_ps(acc + b + 24, a3);
    _mm256_storeu_ps(acc + b + 32, a4);
    _mm256_storeu_ps(acc + b + 40, a5);
    _mm256_storeu_ps(acc + b + 48, a6);
    _mm256_storeu_ps(acc + b + 56, a7);
  }
  for (; b + 8 <= batch; b += 8) {
    __m256 a = resume ? _mm256_loadu_ps(acc + b) : _mm256_set1_ps(init);
    for (int t = from; t < to; t++) {
      a = _mm256_fmadd_ps(_mm256_set1_ps(value[perm ? perm[t] : t]), _mm256_loadu_ps(src[index[t]] + b), a);
    }
    _mm256_storeu_ps(acc + b, a);
  }
  for (; b < batch; b++) {
    float a = resume ? acc[b] : init;
    for (int t = from; t < to; t++) {
      a = fmaf(value[perm ? perm[t] : t], src[index[t]][b], a);
    }
    acc[b] = a;
  }
}

// The eight lanes of v summed in a fixed tree.
KERNEL static float lanes(__m256 v) {
  float l[8];
  _mm256_storeu_ps(l, v);
  return ((l[0] + l[1]) + (l[2] + l[3])) + ((l[4] + l[5]) + (l[6] + l[7]));
}

// Σ_b x[b] · d[b]: eight lanes, their tree, then the remainder in order.
KERNEL static float dot(const float* x, const float* d, int batch) {
  __m256 s = _mm256_setzero_ps();
  int b = 0;
  for (; b + 8 <= batch; b += 8) {
    s = _mm256_fmadd_ps(_mm256_loadu_ps(x + b), _mm256_loadu_ps(d + b), s);
  }
  float sum = lanes(s);
  for (; b < batch; b++) {
    sum = fmaf(x[b], d[b], sum);
  }
  return sum;
}

// grad[k] = in[row[k]] · d for k in [from, to), eight weights sharing each load of d; each sum as dot() forms it.
KERNEL static void dots(int from, int to, const jint* row, float* const* in, const float* d, float* grad,
    int batch) {
  int k = from;
  int whole = batch & ~7;
  for (; k + 8 <= to; k += 8) {
    const float* x0 = in[row[k]];
    const float* x1 = in[row[k + 1]];
    const float* x2 = in[row[k + 2]];
    const float* x3 = in[row[k + 3]];
    const float* x4 = in[row[k + 4]];
    const float* x5 = in[row[k + 5]];
    const float* x6 = in[row[k + 6]];
    const float* x7 = in[row[k + 7]];
    __m256 s0 = _mm256_setzero_ps(), s1 = s0, s2 = s0, s3 = s0, s4 = s0, s5 = s0, s6 = s0, s7 = s0;
    for (int b = 0; b < whole; b += 8) {
      __m256 dv = _mm256_loadu_ps(d + b);
      s0 = _mm256_fmadd_ps(_mm256_loadu_ps(x0 + b), dv, s0);
      s1 = _mm256_fmadd_ps(_mm256_loadu_ps(x1 + b), dv, s1);
      s2 = _mm256_fmadd_ps(_mm256_loadu_ps(x2 + b), dv, s2);
      s3 = _mm256_fmadd_ps(_mm256_loadu_ps(x3 + b), dv, s3);
      s4 = _mm256_fmadd_ps(_mm256_loadu_ps(x4 + b), dv, s4);
      s5 = _mm256_fmadd_ps(_mm256_loadu_ps(x5 + b), dv, s5);
      s6 = _mm256_fmadd_ps(_mm256_loadu_ps(x6 + b), dv, s6);
      s7 = _mm256_fmadd_ps(_mm256_loadu_ps(x7 + b), dv, s7);
    }
    float sum[8] = {lanes(s0), lanes(s1), lanes(s2), lanes(s3), lanes(s4), lanes(s5), lanes(s6), lanes(s7)};
    const float* x[8] = {x0, x1, x2, x3, x4, x5, x6, x7};
    for (int i = 0; i < 8; i++) {
      for (int b = whole; b < batch; b++) {
        sum[i] = fmaf(x[i][b], d[b], sum[i]);
      }
      grad[k + i] = sum[i];
    }
  }
  for (; k < to; k++) {
    grad[k] = dot(in[row[k]], d, batch);
  }
}

KERNEL static float total(const float* d, int batch) {
  __m256 s = _mm256_setzero_ps();
  int b = 0;
  for (; b + 8 <= batch; b += 8) {
    s = _mm256_add_ps(_mm256_loadu_ps(d + b), s);
  }
  float sum = lanes(s);
  for (; b < batch; b++) {
    sum += d[b];
  }
  return sum;
}

// Rows of the shared operand (the copied input or deltas) per block: 128 KB of them (256 rows of a batch of 128)
// stay in a core's own L2 cache while every output of the range takes its entries among them, instead of each
// output fetching its rows from the L3 cache the cores share (AMD EPYC, one call on W2's 2048 x 2048 layer at 8%
// density: forward 3.49 -> 2.84 ms, input gradient 4.00 -> 3.26). The weight gradient's dot products gained
// nothing from blocks, and take their rows unblocked.
static int blockRows(int batch) {
  size_t rows = (size_t) 128 * 1024 / (sizeof(float) * copyStride(batch));
  return rows > 0 ? (int) rows : 1;
}

// Room for where each output's next entry lies (the blocked products' cursors), made before any pinning (a JNI
// exception may not be thrown while arrays are pinned); NULL (an exception pending) where memory ran out.
static jint* cursors(JNIEnv* env, int n) {
  jint* at = malloc(sizeof(jint) * (n > 0 ? n : 1));
  if (at == NULL) {
    fail(env, "no native memory for the sparse kernels' cursors");
  }
  return at;
}

// The next block's entries of an output: from at[o] on while index < end of the block (the entries are in index
// order); returns their end and moves the cursor there.
static inline int blockEnd(jint* at, int o, const jint* start, const jint* index, int end) {
  int e = at[o];
  while (e < start[o + 1] && index[e] < end) {
    e++;
  }
  return at[o] = e;
}

// acc[o] = init[o] (0 where init is NULL) + Σ over output o's entries [start[o], start[o + 1]) of value · src row,
// for o in [0, n): the shared operand's `rows` rows a block at a time, each output resuming its sums at the block's
// first entry. Every element is the same chain of fused multiply-adds in the same entry order as one pass over all
// rows, so the bits do not depend on the blocks. accumulate() is inlined, so that the forward product's loads do not
// test for a permutation it does not have.
KERNEL __attribute__((always_inline)) static inline void accumulateBlocked(jint* at, int n, const jint* start,
    const jint* index, const jint* perm, const float* value, float* const* src, int rows, const float* init,
    float* const* acc, int batch) {
  int block = blockRows(batch);
  if (rows <= block) {
    for (int o = 0; o < n; o++) {
      accumulate(start[o], start[o + 1], index, perm, value, src, init ? init[o] : 0.0f, acc[o], batch, 0);
    }
    return;
  }
  for (int o = 0; o < n; o++) {
    at[o] = start[o];
    int e = blockEnd(at, o, start, index, block);
    accumulate(start[o], e, index, perm, value, src, init ? init[o] : 0.0f, acc[o], batch, 0);
  }
  for (int from = block; from < rows; from += block) {
    for (int o = 0; o < n; o++) {
      int t = at[o];
      int e = blockEnd(at, o, start, index, from + block);
      if (e > t) {
        accumulate(t, e, index, perm, value, src, 0.0f, acc[o], batch, 1);
      }
    }
  }
}

KERNEL static void forwardColumns(jint* at, int n, const jint* colStart, const jint* row, const float* value,
    const float* bias, float* const* in, int inRows, float* const* out, int batch) {
  accumulateBlocked(at, n, colStart, row, NULL, value, in, inRows, bias, out, batch);
}

KERNEL static void inputGradientRows(jint* at, int n, const jint* rowStart, const jint* rowCol, const jint* rowPerm,
    const float* value, float* const* delta, int deltaRows, float* const* inGrad, int batch) {
  accumulateBlocked(at, n, rowStart, rowCol, rowPerm, value, delta, deltaRows, NULL, inGrad, batch);
}

KERNEL static void weightGradientColumns(int n, const jint* colStart, const jint* row, float* const* in,
    float* const* delta, float* grad, float* biasGrad, int batch) {
  for (int o = 0; o < n; o++) {
    biasGrad[o] = total(delta[o], batch);
    dots(colStart[o], colStart[o + 1], row, in, delta[o], grad, batch);
  }
}

JNIEXPORT void JNICALL Java_org_overparam_engine_NativeSparseKernels_forwardStaged(JNIEnv* env, jclass cls,
    jintArray colStartArray, jintArray rowArray, jfloatArray valueArray, jfloatArray biasArray, jobject inBlock,
    jint inRows, jobjectArray outArray, jint batch) {
  (void) cls;
  Rows in = {0}, out = {0};
  int n = (*env)->GetArrayLength(env, outArray);
  int entries = (*env)->GetArrayLength(env, rowArray);
  if ((*env)->GetArrayLength(env, colStartArray) < n + 1 || (*env)->GetArrayLength(env, biasArray) < n
      || (*env)->GetArrayLength(env, valueArray) < entries) {
    fail(env, "the sparse layer's arrays are shorter than its outputs need");
    return;
  }
  if (!localFrame(env, outArray, NULL)) {
    return;
  }
  jint* at = NULL;
  if (stagedRows(env, inBlock, inRows, batch, &in) && rowsOf(env, outArray, batch, &out)
      && (at = cursors(env, n)) != NULL) {
    jint* colStart = (*env)->GetPrimitiveArrayCritical(env, colStartArray, NULL);
    jint* row = (*env)->GetPrimitiveArrayCritical(env, rowArray, NULL);
    float* value = (*env)->GetPrimitiveArrayCritical(env, valueArray, NULL);
    float* bias = (*env)->GetPrimitiveArrayCritical(env, biasArray, NULL);
    pinRows(env, &out);
    int ok = colStart && row && value && bias && allPinned(&out)
        && startsAscending(colStart, n, entries) && indicesWithin(row, colStart[0], colStart[n], in.n);
    if (ok) {
      forwardColumns(at, n, colStart, row, value, bias, in.at, in.n, out.at, batch);
    }
    unpinRows(env, &out, 0);
    if (bias) (*env)->ReleasePrimitiveArrayCritical(env, biasArray, bias, JNI_ABORT);
    if (value) (*env)->ReleasePrimitiveArrayCritical(env, valueArray, value, JNI_ABORT);
    if (row) (*env)->ReleasePrimitiveArrayCritical(env, rowArray, row, JNI_ABORT);
    if (colStart) (*env)->ReleasePrimitiveArrayCritical(env, colStartArray, colStart, JNI_ABORT);
    if (!ok) {
      fail(env, "the sparse layer's column starts or row indices are out of range");
    }
  }
  free(at);
  freeRows(&in);
  freeRows(&out);
  (*env)->PopLocalFrame(env, NULL);
}

JNIEXPORT void JNICALL Java_org_overparam_engine_NativeSparseKernels_inputGradientStaged(JNIEnv* env, jclass cls,
    jintArray rowStartArray, jintArray rowColArray, jintArray rowPermArray, jfloatArray valueArray,
    jobject deltaBlock, jint deltaRows, jobjectArray inGradArray, jint batch) {
  (void) cls;
  Rows delta = {0}, inGrad = {0};
  int n = (*env)->GetArrayLength(env, inGradArray);
  int entries = (*env)->GetArrayLength(env, rowColArray);
  int values = (*env)->GetArrayLength(env, valueArray);
  if ((*env)->GetArrayLength(env, rowStartArray) < n + 1 || (*env)->GetArrayLength(env, rowPermArray) < entries) {
    fail(env, "the sparse layer's arrays are shorter than its inputs need");
    return;
  }
  if (!localFrame(env, inGradArray, NULL)) {
    return;
  }
  jint* at = NULL;
  if (stagedRows(env, deltaBlock, deltaRows, batch, &delta) && rowsOf(env, inGradArray, batch, &inGrad)
      && (at = cursors(env, n)) != NULL) {
    jint* rowStart = (*env)->GetPrimitiveArrayCritical(env, rowStartArray, NULL);
    jint* rowCol = (*env)->GetPrimitiveArrayCritical(env, rowColArray, NULL);
    jint* rowPerm = (*env)->GetPrimitiveArrayCritical(env, rowPermArray, NULL);
    float* value = (*env)->GetPrimitiveArrayCritical(env, valueArray, NULL);
    pinRows(env, &inGrad);
    int ok = rowStart && rowCol && rowPerm && value && allPinned(&inGrad)
        && startsAscending(rowStart, n, entries) && indicesWithin(rowCol, rowStart[0], rowStart[n], delta.n)
        && indicesWithin(rowPerm, rowStart[0], rowStart[n], values);
    if (ok) {
      inputGradientRows(at, n, rowStart, rowCol, rowPerm, value, delta.at, delta.n, inGrad.at, batch);
    }
    unpinRows(env, &inGrad, 0);
    if (value) (*env)->ReleasePrimitiveArrayCritical(env, valueArray, value, JNI_ABORT);
    if (rowPerm) (*env)->ReleasePrimitiveArrayCritical(env, rowPermArray, rowPerm, JNI_ABORT);
    if (rowCol) (*env)->ReleasePrimitiveArrayCritical(env, rowColArray, rowCol, JNI_ABORT);
    if (rowStart) (*env)->ReleasePrimitiveArrayCritical(env, rowStartArray, rowStart, JNI_ABORT);
    if (!ok) {
      fail(env, "the sparse layer's row starts or column indices are out of range");
    }
  }
  free(at);
  freeRows(&delta);
  freeRows(&inGrad);
  (*env)->PopLocalFrame(env, NULL);
}

JNIEXPORT void JNICALL Java_org_overparam_engine_NativeSparseKernels_weightGradientStaged(JNIEnv* env, jclass cls,
    jintArray colStartArray, jintArray rowArray, jobject inBlock, jint inRows, jobjectArray deltaArray,
    jfloatArray gradArray, jfloatArray biasGradArray, jint batch) {
  (void) cls;
  Rows in = {0}, delta = {0};
  int n = (*env)->GetArrayLength(env, deltaArray);
  int entries = (*env)->GetArrayLength(env, rowArray);
  if ((*env)->GetArrayLength(env, colStartArray) < n + 1 || (*env)->GetArrayLength(env, biasGradArray) < n
      || (*env)->GetArrayLength(env, gradArray) < entries) {
    fail(env, "the sparse layer's arrays are shorter than its outputs need");
    return;
  }
  if (!localFrame(env, deltaArray, NULL)) {
    return;
  }
  if (stagedRows(env, inBlock, inRows, batch, &in) && rowsOf(env, deltaArray, batch, &delta)) {
    jint* colStart = (*env)->GetPrimitiveArrayCritical(env, colStartArray, NULL);
    jint* row = (*env)->GetPrimitiveArrayCritical(env, rowArray, NULL);
    float* grad = (*env)->GetPrimitiveArrayCritical(env, gradArray, NULL);
    float* biasGrad = (*env)->GetPrimitiveArrayCritical(env, biasGradArray, NULL);
    pinRows(env, &delta);
    int ok = colStart && row && grad && biasGrad && allPinned(&delta)
        && startsAscending(colStart, n, entries) && indicesWithin(row, colStart[0], colStart[n], in.n);
    if (ok) {
      weightGradientColumns(n, colStart, row, in.at, delta.at, grad, biasGrad, batch);
    }
    unpinRows(env, &delta, JNI_ABORT);
    if (biasGrad) (*env)->ReleasePrimitiveArrayCritical(env, biasGradArray, biasGrad, 0);
    if (grad) (*env)->ReleasePrimitiveArrayCritical(env, gradArray, grad, 0);
    if (row) (*env)->ReleasePrimitiveArrayCritical(env, rowArray, row, JNI_ABORT);
    if (colStart) (*env)->ReleasePrimitiveArrayCritical(env, colStartArray, colStart, JNI_ABORT);
    if (!ok) {
      fail(env, "the sparse layer's column starts or row indices are out of range");
    }
  }
  freeRows(&in);
  freeRows(&delta);
  (*env)->PopLocalFrame(env, NULL);
}

// RigL's dense gradient g(i, o) = Σ_b in[i][b] · delta[o][b] for the columns o in [from, to), a panel of 16 columns
// at a time: the deltas packed as a k = batch panel, every input row through dense_tile.h's tiles (the same sum in
// the same order whichever function below asks, and whichever thread), the panel's values into `values`
// (nIn x 16, row by row). Returns 0 where memory ran out (an exception is then pending).
typedef struct {
  Rows in;
  Rows delta;
  float* panel; // batch x 16
  float* zero; // the tile's bias: 16 zeros
  float* values; // nIn x 16
  unsigned long long* bits; // 16 x ceil(nIn / 64): the rows of each column that pass (panelCandidates)
} GradientPanels;

static int gradientPanels(JNIEnv* env, jobjectArray inArray, jobjectArray deltaArray, int batch, GradientPanels* g) {
  g->panel = aligned_alloc(64, sizeof(float) * PANEL * (batch > 0 ? batch : 1));
  g->zero = aligned_alloc(64, sizeof(float) * PANEL);
  long nIn = (*env)->GetArrayLength(env, inArray);
  g->values = aligned_alloc(64, sizeof(float) * PANEL * (nIn > 0 ? nIn : 1));
  g->bits = malloc(sizeof(unsigned long long) * PANEL * ((nIn + 63) / 64 + 1));
  if (g->panel == NULL || g->zero == NULL || g->values == NULL || g->bits == NULL) {
    fail(env, "no native memory for RigL's gradient panels");
    return 0;
  }
  for (int c = 0; c < PANEL; c++) {
    g->zero[c] = 0;
  }
  return rowsOf(env, inArray, batch, &g->in) && rowsOf(env, deltaArray, batch, &g->delta)
      && copyRows(env, &g->in, batch) && copyRows(env, &g->delta, batch);
}

static void freeGradientPanels(GradientPanels* g) {
  freeRows(&g->in);
  freeRows(&g->delta);
  free(g->panel);
  free(g->zero);
  free(g->values);
  free(g->bits);
}

// Columns [o, min(o + 16, to)) of the gradient into g->values; returns how many.
KERNEL static int gradientPanel(GradientPanels* g, int o, int to, int batch) {
  int width = to - o < PANEL ? to - o : PANEL;
  for (int b = 0; b < batch; b++) {
    for (int c = 0; c < PANEL; c++) {
      g->panel[b * PANEL + c] = c < width ? g->delta.at[o + c][b] : 0;
    }
  }
  layer(g->in.copy, (long) copyStride(batch), g->in.n, batch, g->panel, g->zero, 1, 0, g->values, PANEL);
  return width;
}

static int columnRange(JNIEnv* env, jobjectArray deltaArray, jint from, jint to, jint batch) {
  if (from < 0 || from > to || to > (*env)->GetArrayLength(env, deltaArray) || batch < 1) {
    fail(env, "RigL's gradient columns lie outside the layer, or the batch is empty");
    return 0;
  }
  return 1;
}

// Appends to index and value (holding `count`, room for `capacity`) the positions of the panel in g->values whose
// weight is inactive (its mask bit clear) and whose score −|v| + 0.0 is at most bound, column by column in
// ascending input order (so in flat index order, `first` the panel's first flat index); returns the new count, or −1
// where they do not fit.
// −|v| + 0.0 ≤ bound is |v| ≥ −bound in double (a zero scores +0.0), tested for a row's 16 values at once; the rows
// that pass go into one bit set per column, walked column by column.
KERNEL static jint panelCandidates(GradientPanels* g, long nIn, int width, const jlong* mask, long first,
    double bound, jint* index, float* value, jint count, jint capacity) {
  long words = (nIn + 63) / 64;
  unsigned long long* bits = g->bits;
  for (long w = 0; w < PANEL * words; w++) {
    bits[w] = 0;
  }
  const __m256d limit = _mm256_set1_pd(-bound);
  const __m256d sign = _mm256_set1_pd(-0.0);
  for (long i = 0; i < nIn; i++) {
    const float* v = g->values + i * PANEL;
    int pass = 0;
    for (int q = 0; q < PANEL / 4; q++) {
      __m256d magnitude = _mm256_andnot_pd(sign, _mm256_cvtps_pd(_mm_load_ps(v + 4 * q)));
      pass |= _mm256_movemask_pd(_mm256_cmp_pd(magnitude, limit, _CMP_GE_OQ)) << (4 * q);
    }
    pass &= (1 << width) - 1;
    while (pass) {
      int c = __builtin_ctz(pass);
      pass &= pass - 1;
      bits[c * words + (i >> 6)] |= 1ULL << (i & 63);
    }
  }
  for (int c = 0; c < width; c++) {
    for (long w = 0; w < words; w++) {
      unsigned long long b = bits[c * words + w];
      while (b) {
        long i = w * 64 + __builtin_ctzll(b);
        b &= b - 1;
        long at = first + c * nIn + i;
        if (!((unsigned long long) mask[at >> 6] >> (at & 63) & 1)) {
          if (count == capacity) {
            return -1;
          }
          index[count] = (jint) at;
          value[count++] = g->values[i * PANEL + c];
        }
      }
    }
  }
  return count;
}

// Columns [from, to) of the gradient into the native buffer at `address` (column-major: g(i, o) at
// (o - from)·nIn + i), which holds `capacity` floats.
JNIEXPORT void JNICALL Java_org_overparam_engine_NativeSparseKernels_gradientColumns(JNIEnv* env, jclass cls,
    jobjectArray inArray, jobjectArray deltaArray, jint batch, jint from, jint to, jlong address, jlong capacity) {
  (void) cls;
  long nIn = (*env)->GetArrayLength(env, inArray);
  if (!columnRange(env, deltaArray, from, to, batch)) {
    return;
  }
  if (address == 0 || capacity < nIn * (to - from)) {
    fail(env, "RigL's gradient buffer is missing or too small for its columns");
    return;
  }
  if (!localFrame(env, inArray, deltaArray)) {
    return;
  }
  GradientPanels g = {0};
  if (gradientPanels(env, inArray, deltaArray, batch, &g)) {
    float* out = (float*) (intptr_t) address;
    for (int o = from; o < to; o += PANEL) {
      int width = gradientPanel(&g, o, to, batch);
      for (int c = 0; c < width; c++) {
        float* column = out + (long) (o - from + c) * nIn;
        for (long i = 0; i < nIn; i++) {
          column[i] = g.values[i * PANEL + c];
        }
      }
    }
  }
  freeGradientPanels(&g);
  (*env)->PopLocalFrame(env, NULL);
}

// The candidates for growth among columns [from, to): every inactive weight (its bit clear in the mask, bit j % 64
// of word j / 64 for flat index j = o·nIn + i) whose score −|g| (in double, −0.0 as 0.0) is at most `bound`, in flat
// index order, into index and value (g itself). Returns how many, or −1 where more than the arrays hold.
JNIEXPORT jint JNICALL Java_org_overparam_engine_NativeSparseKernels_gradientCandidates(JNIEnv* env, jclass cls,
    jobjectArray inArray, jobjectArray deltaArray, jint batch, jint from, jint to, jlongArray maskArray,
    jdouble bound, jintArray indexArray, jfloatArray valueArray) {
  (void) cls;
  long nIn = (*env)->GetArrayLength(env, inArray);
  if (!columnRange(env, deltaArray, from, to, batch)) {
    return 0;
  }
  if ((*env)->GetArrayLength(env, maskArray) < (nIn * (*env)->GetArrayLength(env, deltaArray) + 63) / 64) {
    fail(env, "the mask is shorter than the layer");
    return 0;
  }
  jint capacity = (*env)->GetArrayLength(env, indexArray);
  if ((*env)->GetArrayLength(env, valueArray) < capacity) {
    fail(env, "the candidates' values are shorter than their indices");
    return 0;
  }
  if (!localFrame(env, inArray, deltaArray)) {
    return 0;
  }
  jint count = 0;
  GradientPanels g = {0};
  if (gradientPanels(env, inArray, deltaArray, batch, &g)) {
    jlong* mask = (*env)->GetPrimitiveArrayCritical(env, maskArray, NULL);
    jint* index = (*env)->GetPrimitiveArrayCritical(env, indexArray, NULL);
    float* value = (*env)->GetPrimitiveArrayCritical(env, valueArray, NULL);
    if (mask && index && value) {
      for (int o = from; o < to && count >= 0; o += PANEL) {
        int width = gradientPanel(&g, o, to, batch);
        count = panelCandidates(&g, nIn, width, mask, (long) o * nIn, bound, index, value, count, capacity);
      }
    }
    if (value) (*env)->ReleasePrimitiveArrayCritical(env, valueArray, value, 0);
    if (index) (*env)->ReleasePrimitiveArrayCritical(env, indexArray, index, 0);
    if (mask) (*env)->ReleasePrimitiveArrayCritical(env, maskArray, mask, JNI_ABORT);
    if (!(mask && index && value)) {
      count = 0; // OutOfMemoryError is pending
    }
  }
  freeGradientPanels(&g);
  (*env)->PopLocalFrame(env, NULL);
  return count;
}

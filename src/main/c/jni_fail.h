// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
//
// How the native kernels refuse bad input: an IllegalArgumentException for the Java caller, raised before any
// arithmetic (the callers return at once).
#ifndef OVERPARAM_JNI_FAIL_H
#define OVERPARAM_JNI_FAIL_H

#include <jni.h>

static inline void fail(JNIEnv* env, const char* message) {
  jclass c = (*env)->FindClass(env, "java/lang/IllegalArgumentException");
  if (c != NULL) {
    (*env)->ThrowNew(env, c, message);
  }
}

#endif

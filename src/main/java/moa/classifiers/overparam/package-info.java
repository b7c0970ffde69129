// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
/**
 * MOA stream learners over the package's network engine. They live under {@code moa.} because
 * MOA's GUI discovers learners only in Java packages below {@code moa}.
 */
package moa.classifiers.overparam;

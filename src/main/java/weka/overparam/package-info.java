// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
/** Weka-facing helpers of the overparam package: data conversion, diagnostics and command-line tools. */
package weka.overparam;

// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
/** Utilities shared by every core: seeds, argument checks, progress reporting. No Weka imports. */
package org.overparam.common;

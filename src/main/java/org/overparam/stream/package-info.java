// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
/**
 * Networks trained on data streams: an online feature standardiser and a minibatch stream trainer
 * over the network engine ({@code org.overparam.nn}) and ITOP's masks ({@code org.overparam.itop}).
 * No Weka or MOA imports; the MOA adapter lives in {@code moa.classifiers.overparam}.
 */
package org.overparam.stream;

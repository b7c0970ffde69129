// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
/**
 * The package's Explorer tab ("Training history"): plots of what the overparam learners measured
 * while training, for the results of the Classify and Cluster tabs and for saved model files.
 */
package weka.gui.overparam;

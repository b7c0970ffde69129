// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
/**
 * Line plots of a {@link org.overparam.common.TrainingHistory}: one renderer (Java2D, no Weka
 * imports, works with {@code java.awt.headless=true}) behind the Explorer tab, the
 * TrainingHistoryExport tool's PNG and the KnowledgeFlow step's image.
 */
package org.overparam.plot;

// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package weka.classifiers.functions;

import weka.overparam.DialogBeanInfo;

/** Lists the options of {@link ItopSparseNetwork} in the "More" help in the order of its dialog (see {@link DialogBeanInfo}). */
public class ItopSparseNetworkBeanInfo extends DialogBeanInfo {
  public ItopSparseNetworkBeanInfo() {
    super(ItopSparseNetwork.class, ItopSparseNetworkBeanInfo.class);
  }

  /** The options of {@link ItopSparseNetwork}, in the order of its dialog. */
  public static String optionsHelp() {
    return optionsHelp(ItopSparseNetwork.class);
  }
}

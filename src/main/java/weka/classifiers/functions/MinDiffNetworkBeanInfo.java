// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package weka.classifiers.functions;

import weka.overparam.DialogBeanInfo;

/** Lists the options of {@link MinDiffNetwork} in the "More" help in the order of its dialog (see {@link DialogBeanInfo}). */
public class MinDiffNetworkBeanInfo extends DialogBeanInfo {
  public MinDiffNetworkBeanInfo() {
    super(MinDiffNetwork.class, MinDiffNetworkBeanInfo.class);
  }

  /** The options of {@link MinDiffNetwork}, in the order of its dialog. */
  public static String optionsHelp() {
    return optionsHelp(MinDiffNetwork.class);
  }
}

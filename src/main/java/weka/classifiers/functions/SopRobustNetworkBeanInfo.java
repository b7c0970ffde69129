// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package weka.classifiers.functions;

import weka.overparam.DialogBeanInfo;

/** Lists the options of {@link SopRobustNetwork} in the "More" help in the order of its dialog (see {@link DialogBeanInfo}). */
public class SopRobustNetworkBeanInfo extends DialogBeanInfo {
  public SopRobustNetworkBeanInfo() {
    super(SopRobustNetwork.class, SopRobustNetworkBeanInfo.class);
  }

  /** The options of {@link SopRobustNetwork}, in the order of its dialog. */
  public static String optionsHelp() {
    return optionsHelp(SopRobustNetwork.class);
  }
}

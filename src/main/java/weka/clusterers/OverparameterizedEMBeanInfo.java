// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package weka.clusterers;

import weka.overparam.DialogBeanInfo;

/** Lists the options of {@link OverparameterizedEM} in the "More" help in the order of its dialog (see {@link DialogBeanInfo}). */
public class OverparameterizedEMBeanInfo extends DialogBeanInfo {
  public OverparameterizedEMBeanInfo() {
    super(OverparameterizedEM.class, OverparameterizedEMBeanInfo.class);
  }

  /** The options of {@link OverparameterizedEM}, in the order of its dialog. */
  public static String optionsHelp() {
    return optionsHelp(OverparameterizedEM.class);
  }
}

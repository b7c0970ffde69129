// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package weka.classifiers.functions;

import weka.overparam.DialogBeanInfo;

/** Lists the options of {@link OverparameterizedKernelGD} in the "More" help in the order of its dialog (see {@link DialogBeanInfo}). */
public class OverparameterizedKernelGDBeanInfo extends DialogBeanInfo {
  public OverparameterizedKernelGDBeanInfo() {
    super(OverparameterizedKernelGD.class, OverparameterizedKernelGDBeanInfo.class);
  }

  /** The options of {@link OverparameterizedKernelGD}, in the order of its dialog. */
  public static String optionsHelp() {
    return optionsHelp(OverparameterizedKernelGD.class);
  }
}

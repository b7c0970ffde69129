// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package weka.filters.supervised.attribute;

import weka.overparam.DialogBeanInfo;

/** Lists the options of {@link AsymmetricLabelNoise} in the "More" help in the order of its dialog (see {@link DialogBeanInfo}). */
public class AsymmetricLabelNoiseBeanInfo extends DialogBeanInfo {
  public AsymmetricLabelNoiseBeanInfo() {
    super(AsymmetricLabelNoise.class, AsymmetricLabelNoiseBeanInfo.class);
  }

  /** The options of {@link AsymmetricLabelNoise}, in the order of its dialog. */
  public static String optionsHelp() {
    return optionsHelp(AsymmetricLabelNoise.class);
  }
}

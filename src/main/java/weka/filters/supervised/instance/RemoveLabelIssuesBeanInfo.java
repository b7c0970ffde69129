// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package weka.filters.supervised.instance;

import weka.overparam.DialogBeanInfo;

/** Lists the options of {@link RemoveLabelIssues} in the "More" help in the order of its dialog (see {@link DialogBeanInfo}). */
public class RemoveLabelIssuesBeanInfo extends DialogBeanInfo {
  public RemoveLabelIssuesBeanInfo() {
    super(RemoveLabelIssues.class, RemoveLabelIssuesBeanInfo.class);
  }

  /** The options of {@link RemoveLabelIssues}, in the order of its dialog. */
  public static String optionsHelp() {
    return optionsHelp(RemoveLabelIssues.class);
  }
}

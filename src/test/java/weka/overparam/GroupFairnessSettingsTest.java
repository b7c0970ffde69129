// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package weka.overparam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Properties;
import org.junit.jupiter.api.Test;

class GroupFairnessSettingsTest {
  @Test
  void aSystemPropertyOverridesTheSameKeyOfTheFileOnly() {
    Properties file = new Properties();
    file.setProperty(GroupFairnessSettings.ATTRIBUTE, "race");
    file.setProperty(GroupFairnessSettings.VALUE, " Black ");
    Properties system = new Properties();
    system.setProperty(GroupFairnessSettings.ATTRIBUTE, "sex");
    system.setProperty(GroupFairnessSettings.POSITIVE, ">50K");
    assertEquals(new GroupFairnessSettings("sex", "Black", ">50K"), GroupFairnessSettings.from(file, system));
  }

  @Test
  void nothingSetIsNotConfigured() {
    GroupFairnessSettings s = GroupFairnessSettings.from(new Properties(), new Properties());
    assertFalse(s.configured());
    Properties blank = new Properties();
    blank.setProperty(GroupFairnessSettings.ATTRIBUTE, "  ");
    assertFalse(GroupFairnessSettings.from(blank, new Properties()).configured());
  }
}

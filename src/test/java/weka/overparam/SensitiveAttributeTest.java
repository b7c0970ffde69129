// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package weka.overparam;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import weka.classifiers.functions.MinDiffNetwork;
import weka.core.Attribute;
import weka.core.Instances;

class SensitiveAttributeTest {
  /** An attribute whose labels are digits in another order than their positions, as integer codes often are. */
  private static Instances coded() {
    ArrayList<Attribute> atts = new ArrayList<>(List.of(new Attribute("code", List.of("3", "1", "2")),
        new Attribute("x"), new Attribute("cls", List.of("2", "1"))));
    Instances data = new Instances("coded", atts, 0);
    data.setClassIndex(2);
    return data;
  }

  private static String value(Instances header, String attribute, String value) {
    return SensitiveAttribute.resolveInHeader(header, "-sensitive-attribute", attribute, "-sensitive-value", value)
        .value();
  }

  @Test
  void theDefaultIsTheFirstValueEvenWhenAValueIsLabelledOne() {
    // the default used to be the text "1", which a value labelled "1" (here the second) took before the index did
    assertEquals("3", value(coded(), "code", new MinDiffNetwork().getSensitiveValue()));
  }

  @Test
  void aLabelWinsOverAnIndexAndAnIndexServesOtherwise() {
    assertEquals("1", value(coded(), "code", "1"));
    assertEquals("3", value(coded(), "code", " 3 "));
    ArrayList<Attribute> atts = new ArrayList<>(List.of(new Attribute("group", List.of("a", "b", "c")),
        new Attribute("cls", List.of("no", "yes"))));
    Instances named = new Instances("named", atts, 0);
    named.setClassIndex(1);
    assertEquals("b", value(named, "group", "2"));
    assertEquals("a", value(named, "group", ""));
  }
}

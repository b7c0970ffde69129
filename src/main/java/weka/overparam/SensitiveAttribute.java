// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package weka.overparam;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import weka.core.Attribute;
import weka.core.Instance;
import weka.core.Instances;

/**
 * A nominal sensitive attribute and the value that defines the sensitive group S; every other
 * value, and a missing value, puts an instance in the reference group R. Also resolves the
 * positive class of a one-vs-rest fairness analysis. Resolution errors name the option.
 */
public final class SensitiveAttribute implements Serializable {
  private static final long serialVersionUID = 4127509872601L;

  /** The keyword for "the first nominal attribute that is not the class". */
  public static final String FIRST = "first";

  private final int index;
  private final int valueIndex;
  private final String name;
  private final String value;

  private SensitiveAttribute(Attribute a, int valueIndex) {
    this.index = a.index();
    this.valueIndex = valueIndex;
    this.name = a.name();
    this.value = a.value(valueIndex);
  }

  /**
   * Resolves the attribute and value.
   *
   * @param data the data (its header is used; the value must occur in it)
   * @param flag the option that names the attribute, for messages ({@code -sensitive-attribute})
   * @param attribute a name, a 1-based index, or {@link #FIRST}
   * @param sensitiveValue a value label or a 1-based value index
   * @return the resolved attribute, or null when {@code attribute} is {@link #FIRST} and the data
   *     have no nominal non-class attribute
   * @throws IllegalArgumentException naming the flag or {@code -sensitive-value}
   */
  public static SensitiveAttribute resolve(Instances data, String flag, String attribute, String sensitiveValue) {
    Attribute a;
    if (FIRST.equalsIgnoreCase(attribute.trim())) {
      a = firstNominal(data);
      if (a == null) {
        return null;
      }
    } else {
      a = find(data, flag, attribute.trim());
    }
    int v = findValue(a, "-sensitive-value", sensitiveValue.trim());
    boolean occurs = false;
    for (Instance inst : data) {
      if (!inst.isMissing(a) && (int) inst.value(a) == v) {
        occurs = true;
        break;
      }
    }
    if (!occurs) {
      throw new IllegalArgumentException("-sensitive-value '" + a.value(v) + "' of attribute '" + a.name()
          + "' does not occur in the " + data.numInstances() + " training instances, so the sensitive group is empty"
          + " (in cross-validation, a training fold can lack a rare value: use fewer folds)");
    }
    return new SensitiveAttribute(a, v);
  }

  /**
   * The message for a sensitive attribute that is not set: the data's nominal attributes (besides
   * the class) with their values, and how to choose one.
   *
   * @param data the training data
   * @param flag the option that names the attribute ({@code -sensitive-attribute})
   */
  public static String notSetMessage(Instances data, String flag) {
    List<String> nominal = new ArrayList<>();
    for (int i = 0; i < data.numAttributes(); i++) {
      Attribute a = data.attribute(i);
      if (i != data.classIndex() && a.isNominal()) {
        nominal.add("  " + (i + 1) + " " + a.name() + " " + values(a, 6));
      }
    }
    if (nominal.isEmpty()) {
      return flag + " is not set, and the data have no nominal attribute besides the class: MinDiff needs one "
          + "whose value defines the sensitive group (" + flag + " " + FIRST + " trains a plain network on such "
          + "data)";
    }
    // One line each, so that Weka's error dialog (one line per line of the message) stays readable.
    return flag + " is not set: MinDiff needs the nominal attribute whose value defines the sensitive group.\n"
        + "Set " + flag + " <name> (or its 1-based index) and -sensitive-value <value> (default: its first value).\n"
        + "The nominal attributes of the data:\n" + String.join("\n", nominal);
  }

  /**
   * Resolves the attribute and value in a header alone, for an evaluation that sees the instances
   * later (so an empty group S shows in its rates, not here). There is no {@link #FIRST} keyword:
   * the attribute is always named.
   *
   * @param attributeKey the option or property that names the attribute, for messages
   * @param attribute a name or a 1-based index
   * @param valueKey the option or property that names the value, for messages
   * @param sensitiveValue a value label or a 1-based value index
   * @throws IllegalArgumentException naming the key whose setting is wrong
   */
  public static SensitiveAttribute resolveInHeader(Instances header, String attributeKey, String attribute,
      String valueKey, String sensitiveValue) {
    Attribute a = find(header, attributeKey, attribute.trim());
    return new SensitiveAttribute(a, findValue(a, valueKey, sensitiveValue.trim()));
  }

  private static Attribute firstNominal(Instances data) {
    for (int i = 0; i < data.numAttributes(); i++) {
      if (i != data.classIndex() && data.attribute(i).isNominal()) {
        return data.attribute(i);
      }
    }
    return null;
  }

  private static Attribute find(Instances data, String flag, String spec) {
    Attribute a = data.attribute(spec);
    if (a == null && spec.matches("\\d+")) {
      int i = Integer.parseInt(spec) - 1;
      if (i >= 0 && i < data.numAttributes()) {
        a = data.attribute(i);
      }
    }
    if (a == null) {
      throw new IllegalArgumentException(flag + " '" + spec
          + "' is neither an attribute name nor a 1-based index of the data");
    }
    if (a.index() == data.classIndex()) {
      throw new IllegalArgumentException(flag + " '" + a.name() + "' is the class attribute");
    }
    if (!a.isNominal()) {
      throw new IllegalArgumentException(flag + " '" + a.name() + "' must be nominal, but it is "
          + Attribute.typeToString(a));
    }
    return a;
  }

  private static int findValue(Attribute a, String valueKey, String spec) {
    if (spec.isEmpty()) {
      return 0; // the default: the first value (the index "1" would lose to a value labelled "1")
    }
    int v = a.indexOfValue(spec);
    if (v < 0 && spec.matches("\\d+")) {
      int i = Integer.parseInt(spec) - 1;
      if (i >= 0 && i < a.numValues()) {
        v = i;
      }
    }
    if (v < 0) {
      throw new IllegalArgumentException(valueKey + " '" + spec + "' is neither a value nor a 1-based value index"
          + " of attribute '" + a.name() + "' " + values(a));
    }
    return v;
  }

  /**
   * The 0-based positive class: a label or 1-based index; empty means the second value of a
   * binary class.
   *
   * @throws IllegalArgumentException naming {@code -positive-class}
   */
  public static int positiveClass(Instances data, String spec) {
    return positiveClass(data, "-positive-class", spec);
  }

  /**
   * As {@link #positiveClass(Instances, String)}, with messages naming {@code key}.
   *
   * @throws IllegalArgumentException naming {@code key}
   */
  public static int positiveClass(Instances data, String key, String spec) {
    Attribute c = data.classAttribute();
    if (!c.isNominal()) {
      throw new IllegalArgumentException("the class attribute '" + c.name() + "' must be nominal");
    }
    String s = spec == null ? "" : spec.trim();
    if (s.isEmpty()) {
      if (c.numValues() != 2) {
        throw new IllegalArgumentException("the class '" + c.name() + "' has " + c.numValues()
            + " values: set " + key + " to the value to analyse one-vs-rest " + values(c));
      }
      return 1;
    }
    int v = c.indexOfValue(s);
    if (v < 0 && s.matches("\\d+")) {
      int i = Integer.parseInt(s) - 1;
      v = i >= 0 && i < c.numValues() ? i : -1;
    }
    if (v < 0) {
      throw new IllegalArgumentException(key + " '" + s + "' is neither a value nor a 1-based value index"
          + " of the class '" + c.name() + "' " + values(c));
    }
    return v;
  }

  private static String values(Attribute a) {
    return values(a, Integer.MAX_VALUE);
  }

  /** The first {@code max} values of a nominal attribute, as [a, b, ...], with the count if there are more. */
  private static String values(Attribute a, int max) {
    List<String> v = new ArrayList<>();
    for (int i = 0; i < Math.min(max, a.numValues()); i++) {
      v.add(a.value(i));
    }
    if (a.numValues() > max) {
      v.add("... (" + a.numValues() + " values)");
    }
    return v.toString();
  }

  /** Whether the instance belongs to the sensitive group S (a missing value does not). */
  public boolean isSensitive(Instance inst) {
    return !inst.isMissing(index) && (int) inst.value(index) == valueIndex;
  }

  /** Group membership of every instance. */
  public boolean[] membership(Instances data) {
    boolean[] s = new boolean[data.numInstances()];
    for (int i = 0; i < s.length; i++) {
      s[i] = isSensitive(data.instance(i));
    }
    return s;
  }

  /** 0-based attribute index. */
  public int index() {
    return index;
  }

  public String name() {
    return name;
  }

  public String value() {
    return value;
  }

  /** "sex = Female". */
  public String describe() {
    return name + " = " + value;
  }
}

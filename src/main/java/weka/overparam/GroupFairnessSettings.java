// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package weka.overparam;

import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import weka.core.WekaPackageManager;

/**
 * What {@link GroupFairnessMetric} measures. Weka creates evaluation metrics without options, so the
 * settings come from outside: a Java system property (e.g. {@code -Doverparam.fairness.attribute=sex}
 * on the java command line that starts the Explorer or Experimenter) overrides the same key in
 * {@value #PROPS_FILE} in the current directory, which overrides it in {@code $WEKA_HOME/props}.
 *
 * @param attribute the sensitive attribute (name or 1-based index); empty when not configured
 * @param value the value that defines group S (label or 1-based index); empty means the first value
 * @param positive the positive class for FPR/FNR (label or 1-based index); empty means the second
 *     value of a binary class, and none for more classes
 */
public record GroupFairnessSettings(String attribute, String value, String positive)
    implements java.io.Serializable {

  public static final String ATTRIBUTE = "overparam.fairness.attribute";
  public static final String VALUE = "overparam.fairness.value";
  public static final String POSITIVE = "overparam.fairness.positive";
  public static final String PROPS_FILE = "GroupFairnessMetric.props";

  /**
   * Settings from the system properties and the props files (see the class comment).
   *
   * @throws IOException naming a props file that exists but cannot be read
   */
  public static GroupFairnessSettings current() throws IOException {
    // Read here rather than with Utils.readProperties: its EnvironmentProperties answer every key
    // from a snapshot of the system properties taken once per JVM, so a setting changed later (or
    // cleared) would still be seen.
    Properties file = new Properties();
    load(file, new File(WekaPackageManager.PROPERTIES_DIR, PROPS_FILE));
    load(file, new File(PROPS_FILE));
    return from(file, System.getProperties());
  }

  /** Adds the keys of {@code f}, if it exists, replacing those already in {@code into}. */
  private static void load(Properties into, File f) throws IOException {
    if (!f.isFile()) {
      return;
    }
    try (InputStream in = new FileInputStream(f)) {
      into.load(in);
    } catch (IOException | IllegalArgumentException e) {
      throw new IOException("cannot read " + f.getAbsolutePath() + ": " + e.getMessage(), e);
    }
  }

  /** Each key from {@code system} if set there, else from {@code file}; values are trimmed. */
  static GroupFairnessSettings from(Properties file, Properties system) {
    return new GroupFairnessSettings(get(ATTRIBUTE, file, system), get(VALUE, file, system),
        get(POSITIVE, file, system));
  }

  private static String get(String key, Properties file, Properties system) {
    String v = system.getProperty(key);
    if (v == null) {
      v = file.getProperty(key);
    }
    return v == null ? "" : v.trim();
  }

  public boolean configured() {
    return !attribute.isEmpty();
  }

  /**
   * How to configure, for messages: the keys and where they are read from.
   *
   * @param lineBreak what separates its three parts (a space, or a newline and an indent)
   */
  public static String howToConfigure(String lineBreak) {
    return "set the Java system property -D" + ATTRIBUTE + "=<name or 1-based index>" + lineBreak + "(optional: -D"
        + VALUE + "=<value of group S, default the first>, -D" + POSITIVE
        + "=<positive class, default the second of two>)," + lineBreak + "or the same keys in "
        + new File(WekaPackageManager.PROPERTIES_DIR, PROPS_FILE) + " or ./" + PROPS_FILE;
  }
}

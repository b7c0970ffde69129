// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package weka.overparam;

import java.io.File;
import weka.core.Instances;
import weka.core.converters.ConverterUtils.DataSource;

/** The bundled files under test-data/ (Maven passes its absolute path as {@code overparam.testData}). */
public final class TestData {
  private static final File ROOT = new File(System.getProperty("overparam.testData", "test-data"));

  private TestData() {}

  /** The path of a file under test-data/, e.g. {@code path("arff/wine.arff")}. */
  public static String path(String relative) {
    return new File(ROOT, relative).getPath();
  }

  /** A bundled ARFF from test-data/arff with no class set (for clusterers). */
  public static Instances unlabelled(String name) throws Exception {
    return DataSource.read(path("arff/" + name));
  }

  /** A bundled ARFF from test-data/arff, class = last attribute. */
  public static Instances arff(String name) throws Exception {
    Instances d = unlabelled(name);
    d.setClassIndex(d.numAttributes() - 1);
    return d;
  }
}

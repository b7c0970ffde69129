// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package weka.overparam.badinput;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import weka.classifiers.Classifier;
import weka.core.Attribute;
import weka.core.DenseInstance;
import weka.core.Instance;
import weka.core.Instances;
import weka.core.Utils;

/** Small data sets for the bad-input table, built in code so that every case states its data. */
final class Data {
  private Data() {}

  /**
   * Two classes carried by the numeric attribute {@code x} (class pos iff x &gt; 0, |x| &gt;= 0.05),
   * with a noise attribute {@code z} and a random nominal attribute {@code grp} {a, b}; {@code x} is
   * stored as {@code fx(x)}.
   */
  static Instances separable(int n, long seed, DoubleUnaryOperator fx) {
    ArrayList<Attribute> atts = new ArrayList<>();
    atts.add(new Attribute("x"));
    atts.add(new Attribute("z"));
    atts.add(new Attribute("grp", List.of("a", "b")));
    atts.add(new Attribute("class", List.of("neg", "pos")));
    Instances d = new Instances("separable", atts, n);
    d.setClassIndex(3);
    Random r = new Random(seed);
    for (int i = 0; i < n; i++) {
      double x;
      do {
        x = r.nextDouble() * 2 - 1;
      } while (Math.abs(x) < 0.05);
      d.add(new DenseInstance(1, new double[] {fx.applyAsDouble(x), r.nextGaussian(), r.nextInt(2), x > 0 ? 1 : 0}));
    }
    return d;
  }

  static Instances separable(int n, long seed) {
    return separable(n, seed, x -> x);
  }

  /** Numeric x and two nominal attributes; class yes iff color = red or x &gt; 0.5. */
  static Instances mixed(int n, long seed) {
    ArrayList<Attribute> atts = new ArrayList<>();
    atts.add(new Attribute("x"));
    atts.add(new Attribute("color", List.of("red", "green", "blue")));
    atts.add(new Attribute("size", List.of("s", "m", "l")));
    atts.add(new Attribute("class", List.of("no", "yes")));
    Instances d = new Instances("mixed", atts, n);
    d.setClassIndex(3);
    Random r = new Random(seed);
    for (int i = 0; i < n; i++) {
      double x = r.nextDouble();
      int color = r.nextInt(3);
      d.add(new DenseInstance(1, new double[] {x, color, r.nextInt(3), color == 0 || x > 0.5 ? 1 : 0}));
    }
    return d;
  }

  /** y = sin(2 x1) + 0.5 x2 + N(0, 0.1^2), stored as fy(y); x1 stored as fx(x1). */
  static Instances regression(int n, long seed, DoubleUnaryOperator fx, DoubleUnaryOperator fy) {
    ArrayList<Attribute> atts = new ArrayList<>();
    atts.add(new Attribute("x1"));
    atts.add(new Attribute("x2"));
    atts.add(new Attribute("y"));
    Instances d = new Instances("regression", atts, n);
    d.setClassIndex(2);
    Random r = new Random(seed);
    for (int i = 0; i < n; i++) {
      double x1 = r.nextDouble() * 4 - 2;
      double x2 = r.nextGaussian();
      double y = Math.sin(2 * x1) + 0.5 * x2 + 0.1 * r.nextGaussian();
      d.add(new DenseInstance(1, new double[] {fx.applyAsDouble(x1), x2, fy.applyAsDouble(y)}));
    }
    return d;
  }

  static Instances regression(int n, long seed) {
    return regression(n, seed, x -> x, y -> y);
  }

  /** Three well separated 2-D clusters (no class), both coordinates stored as f(v). */
  static Instances clusters(int n, long seed, DoubleUnaryOperator f) {
    ArrayList<Attribute> atts = new ArrayList<>();
    atts.add(new Attribute("u"));
    atts.add(new Attribute("v"));
    Instances d = new Instances("clusters", atts, n);
    double[][] centres = {{-4, 0}, {0, 4}, {4, 0}};
    Random r = new Random(seed);
    for (int i = 0; i < n; i++) {
      double[] c = centres[i % 3];
      d.add(new DenseInstance(1, new double[] {f.applyAsDouble(c[0] + 0.5 * r.nextGaussian()),
          f.applyAsDouble(c[1] + 0.5 * r.nextGaussian())}));
    }
    return d;
  }

  static Instances clusters(int n, long seed) {
    return clusters(n, seed, v -> v);
  }

  /** A copy with a string attribute added in front. */
  static Instances withStringAttribute(Instances data) {
    Instances d = new Instances(data);
    d.insertAttributeAt(new Attribute("note", (List<String>) null), 0);
    for (int i = 0; i < d.numInstances(); i++) {
      d.instance(i).setValue(0, "row " + i);
    }
    return d;
  }

  /** A copy with an attribute whose values are all missing, added in front. */
  static Instances withAllMissing(Instances data) {
    Instances d = new Instances(data);
    d.insertAttributeAt(new Attribute("empty"), 0);
    return d; // insertAttributeAt fills the new attribute with missing values
  }

  /** Only the class attribute (or nothing, without a class). */
  static Instances classOnly(Instances data) {
    Instances d = new Instances(data);
    for (int a = d.numAttributes() - 1; a >= 0; a--) {
      if (a != d.classIndex()) {
        d.deleteAttributeAt(a);
      }
    }
    return d;
  }

  /** A copy with value v in attribute a of instance row (0-based). */
  static Instances withValue(Instances data, int row, int a, double v) {
    Instances d = new Instances(data);
    d.instance(row).setValue(a, v);
    return d;
  }

  static Instances withWeights(Instances data, double w) {
    Instances d = new Instances(data);
    for (Instance i : d) {
      i.setWeight(w);
    }
    return d;
  }

  static Instances withWeight(Instances data, int row, double w) {
    Instances d = new Instances(data);
    d.instance(row).setWeight(w);
    return d;
  }

  /** Keeps the first n instances. */
  static Instances head(Instances data, int n) {
    return new Instances(data, 0, n);
  }

  /** Percent correct of c on test. Fails on a NaN or non-normalised distribution. */
  static double accuracy(Classifier c, Instances test) throws Exception {
    int correct = 0;
    for (Instance inst : test) {
      double[] p = c.distributionForInstance(inst);
      requireDistribution(p);
      if (Utils.maxIndex(p) == (int) inst.classValue()) {
        correct++;
      }
    }
    return 100.0 * correct / test.numInstances();
  }

  static void requireDistribution(double[] p) {
    double sum = 0;
    for (double v : p) {
      Expect.require(Double.isFinite(v) && v >= 0, "probabilities not finite or negative: " + Arrays.toString(p));
      sum += v;
    }
    Expect.require(Math.abs(sum - 1) < 1e-6, "probabilities do not sum to 1: " + Arrays.toString(p));
  }

  /** Root mean squared error of a regression model, in units of {@code unit} (errors divided by it first). */
  static double rmse(Classifier c, Instances test, double unit) throws Exception {
    double s = 0;
    for (Instance inst : test) {
      double e = (c.classifyInstance(inst) - inst.classValue()) / unit;
      Expect.require(Double.isFinite(e), "prediction not finite");
      s += e * e;
    }
    return Math.sqrt(s / test.numInstances());
  }
}

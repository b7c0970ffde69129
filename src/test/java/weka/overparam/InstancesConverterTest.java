// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package weka.overparam;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.overparam.common.RunningMoments;
import weka.core.Attribute;
import weka.core.DenseInstance;
import weka.core.Instance;
import weka.core.Instances;
import weka.core.Utils;

/** The block encoding prediction uses, against the instance-by-instance one; the header check it does once. */
class InstancesConverterTest {
  private static Instances data(String relation, String second) {
    ArrayList<Attribute> atts = new ArrayList<>();
    atts.add(new Attribute("x"));
    atts.add(new Attribute(second, List.of("a", "b", "c")));
    atts.add(new Attribute("class", List.of("no", "yes")));
    Instances d = new Instances(relation, atts, 0);
    d.setClassIndex(2);
    double[][] rows = {{1.5, 0, 0}, {-2, 2, 1}, {Utils.missingValue(), 1, 0}, {4, Utils.missingValue(), 1},
        {0.25, 1, 1}};
    for (double[] r : rows) {
      d.add(new DenseInstance(1, r));
    }
    return d;
  }

  @Test
  void aBlockEncodesAsEachRowAlone() {
    Instances train = data("train", "colour");
    InstancesConverter c = InstancesConverter.fit(train);
    float[][] block = c.rows(train, 1, 5);
    assertEquals(4, block.length);
    for (int i = 1; i < 5; i++) {
      assertArrayEquals(c.row(train.instance(i)), block[i - 1], "row " + i);
    }
    float[] missing = c.rows(train, 2, 3)[0];
    assertEquals(0f, missing[0], "a missing number is the training mean, 0 once standardised");
    float[] noCategory = c.rows(train, 3, 4)[0];
    assertEquals(0f, noCategory[1] + noCategory[2] + noCategory[3], "a missing category is no category");
    assertEquals(0, c.rows(train, 2, 2).length);
  }

  /** A row whose own data set has another header is still refused, though the block's data set fits. */
  @Test
  void aRowFromAnotherDataSetIsCheckedOnItsOwn() {
    Instances train = data("train", "colour");
    InstancesConverter c = InstancesConverter.fit(train);
    Instances other = data("other", "shape");
    Instances mixed = new Instances(train, 0);
    mixed.add(train.instance(0));
    mixed.add(train.instance(1));
    Instance foreign = other.instance(1);
    mixed.add(foreign); // Instances.add copies it into mixed
    assertEquals(3, c.rows(mixed, 0, 3).length);
    ArrayList<Instance> list = new ArrayList<>();
    list.add(train.instance(0));
    list.add(foreign); // not copied: keeps its own data set
    Instances shallow = new Instances(train, 0) {
      @Override
      public Instance instance(int index) {
        return list.get(index);
      }

      @Override
      public int numInstances() {
        return list.size();
      }
    };
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> c.rows(shallow, 0, 2));
    assertTrue(e.getMessage().contains("shape"), e.getMessage());
  }

  /**
   * Numeric inputs only take {@code encodeNumeric}; with a nominal input added the numeric columns go through the
   * general loop. Both give the same bits: missing values, a constant attribute (whose huge test value would overflow
   * v · factor), clipped outliers, and the same again after serialisation (the arrays are rebuilt, not stored).
   */
  @Test
  void numericOnlyRowsEqualTheGeneralEncoding() throws Exception {
    double m = Utils.missingValue();
    double[][] train = {{1.5, 7, 3, 0}, {-2, 7, 8, 1}, {m, 7, 1e-3, 0}, {4, 7, m, 1}, {0.25, 7, -5, 1}};
    double[][] test = {{1e300, -1e308, 2, 0}, {m, m, m, 1}, {-0.0, 7, -1e12, 0}, {3, 1e308, 1e-300, 1}};
    Instances numeric = withRows(numericHeader(false), train);
    Instances mixed = withRows(numericHeader(true), withNominal(train));
    InstancesConverter fast = InstancesConverter.fit(numeric);
    InstancesConverter general = InstancesConverter.fit(mixed);
    InstancesConverter restored = (InstancesConverter) weka.core.SerializationHelper.read(
        new java.io.ByteArrayInputStream(serialised(fast)));
    float[][] a = fast.rows(withRows(numericHeader(false), test));
    double[][] ad = restored.doubleRows(withRows(numericHeader(false), test));
    double[][] b = general.doubleRows(withRows(numericHeader(true), withNominal(test)));
    for (int i = 0; i < test.length; i++) {
      for (int k = 0; k < 3; k++) {
        assertEquals(Double.doubleToRawLongBits(b[i][k]), Double.doubleToRawLongBits(ad[i][k]), "row " + i + ", " + k);
        assertEquals(Float.floatToRawIntBits((float) b[i][k]), Float.floatToRawIntBits(a[i][k]), "row " + i + ", " + k);
      }
    }
    assertEquals(0f, a[1][0], "a missing number is the training mean, 0 once standardised");
    assertEquals(0f, a[0][1], "a constant attribute is 0 whatever its test value");
    assertEquals((float) RunningMoments.MAX_STANDARDISED, a[0][0], "clipped");
    Instances infinite = withRows(numericHeader(false),
        new double[][] {{1, 2, 3, 0}, {1, 2, Double.NEGATIVE_INFINITY, 0}});
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> restored.rows(infinite));
    // the instance is named by its position in the data given (a test batch's, at prediction time)
    assertTrue(e.getMessage().startsWith("instance 2 of the 2 given: attribute 'x3' is -Infinity"), e.getMessage());
  }

  /**
   * Where every input varies in training, float rows take the loop with one test per row (encodeVarying); a row
   * with a missing or infinite value falls back to the checks per value. The same bits as the general loop.
   */
  @Test
  void everyInputVaryingGivesTheSameBitsAsTheGeneralEncoding() {
    double m = Utils.missingValue();
    double[][] train = {{1.5, 7, 3, 0}, {-2, 6, 8, 1}, {m, 7.5, 1e-3, 0}, {4, -1, m, 1}, {0.25, 7, -5, 1}};
    double[][] test = {{1e300, -1e308, 2, 0}, {m, 3, m, 1}, {-0.0, 7, -1e12, 0}, {3, 1e308, 1e-300, 1},
        {0.5, -0.0, 2.5, 0}};
    InstancesConverter fast = InstancesConverter.fit(withRows(numericHeader(false), train));
    InstancesConverter general = InstancesConverter.fit(withRows(numericHeader(true), withNominal(train)));
    float[][] a = fast.rows(withRows(numericHeader(false), test));
    double[][] b = general.doubleRows(withRows(numericHeader(true), withNominal(test)));
    for (int i = 0; i < test.length; i++) {
      for (int k = 0; k < 3; k++) {
        assertEquals(Float.floatToRawIntBits((float) b[i][k]), Float.floatToRawIntBits(a[i][k]), "row " + i + ", " + k);
      }
    }
    assertEquals(0f, a[1][0], "a missing number is the training mean, 0 once standardised");
    assertEquals((float) -RunningMoments.MAX_STANDARDISED, a[0][1], "clipped");
    Instances infinite = withRows(numericHeader(false),
        new double[][] {{1, 2, 3, 0}, {Double.POSITIVE_INFINITY, 2, 3, 0}});
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> fast.rows(infinite));
    assertTrue(e.getMessage().startsWith("instance 2 of the 2 given: attribute 'x1' is Infinity"), e.getMessage());
  }

  private static Instances numericHeader(boolean withNominal) {
    ArrayList<Attribute> atts = new ArrayList<>();
    for (String name : List.of("x1", "x2", "x3")) {
      atts.add(new Attribute(name));
    }
    if (withNominal) {
      atts.add(new Attribute("colour", List.of("a", "b")));
    }
    atts.add(new Attribute("class", List.of("no", "yes")));
    Instances d = new Instances("numeric", atts, 0);
    d.setClassIndex(atts.size() - 1);
    return d;
  }

  private static double[][] withNominal(double[][] rows) {
    double[][] out = new double[rows.length][];
    for (int i = 0; i < rows.length; i++) {
      out[i] = new double[] {rows[i][0], rows[i][1], rows[i][2], i % 2, rows[i][3]};
    }
    return out;
  }

  private static Instances withRows(Instances header, double[][] rows) {
    for (double[] r : rows) {
      header.add(new DenseInstance(1, r));
    }
    return header;
  }

  private static byte[] serialised(Object o) throws Exception {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    weka.core.SerializationHelper.write(bytes, o);
    return bytes.toByteArray();
  }

  /** The clipping by comparisons gives what Math.max/min gave, signed zeros and infinities included. */
  @Test
  void instancesOfWeightZeroTakeNoPartInTheStandardisation() {
    ArrayList<Attribute> atts = new ArrayList<>(List.of(new Attribute("x"), new Attribute("cls", List.of("a", "b"))));
    Instances kept = new Instances("kept", atts, 0);
    kept.setClassIndex(1);
    for (int i = 0; i < 20; i++) {
      kept.add(new DenseInstance(1, new double[] {i - 9.5, i % 2}));
    }
    Instances withZeros = new Instances(kept);
    for (int i = 0; i < 20; i++) { // extreme values that would make every kept value the same input
      withZeros.add(new DenseInstance(0, new double[] {1e9 + i, i % 2}));
    }
    InstancesConverter plain = InstancesConverter.fit(kept);
    InstancesConverter zeros = InstancesConverter.fit(withZeros);
    for (int i = 0; i < kept.numInstances(); i++) {
      assertArrayEquals(plain.doubleRow(kept.instance(i)), zeros.doubleRow(kept.instance(i)));
    }
    assertEquals(plain.notes(), zeros.notes());
    // an attribute with values only in instances of weight 0 has none that count
    Instances onlyZeros = new Instances(kept);
    for (Instance inst : onlyZeros) {
      inst.setMissing(0);
    }
    onlyZeros.add(new DenseInstance(0, new double[] {3, 0}));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> InstancesConverter.fit(onlyZeros));
    assertTrue(e.getMessage().contains("has only missing values in the training data (instances of weight 0 not "
        + "counted)"), e.getMessage());
  }

  @Test
  void anIndicatorSqueezedByOneOutlierIsNoted() {
    // 0/1 for 300 rows and one 1e9: the three distinct values stay three inputs, yet 0 and 1 differ by 2e-8
    ArrayList<Attribute> atts = new ArrayList<>(List.of(new Attribute("flag"),
        new Attribute("cls", List.of("a", "b"))));
    Instances data = new Instances("flag", atts, 0);
    data.setClassIndex(1);
    for (int i = 0; i < 300; i++) {
      data.add(new DenseInstance(1, new double[] {i % 2, i % 2}));
    }
    data.add(new DenseInstance(1, new double[] {1e9, 0}));
    List<String> notes = InstancesConverter.fit(data).notes();
    assertEquals(1, notes.size());
    assertTrue(notes.get(0).contains("'flag': a few extreme values") && notes.get(0).contains("middle 90%"),
        notes.get(0));
    data.delete(300); // without the outlier: nothing to say
    assertTrue(InstancesConverter.fit(data).notes().isEmpty());
  }

  @Test
  void clippingKeepsSignedZerosAndBounds() {
    RunningMoments.Standardisation unit = new RunningMoments.Standardisation(1, 0, 1);
    double[] values = {-0.0, 0.0, 3.5, -3.5, 1e6, -1e6, 1e300, -1e300, Double.MAX_VALUE, -Double.MAX_VALUE};
    for (double v : values) {
      double want = Math.max(-RunningMoments.MAX_STANDARDISED, Math.min(RunningMoments.MAX_STANDARDISED, v));
      assertEquals(Double.doubleToRawLongBits(want), Double.doubleToRawLongBits(unit.apply(v)), "v = " + v);
    }
    RunningMoments.Standardisation overflowing = new RunningMoments.Standardisation(1e300, 0, 1);
    assertEquals(RunningMoments.MAX_STANDARDISED, overflowing.apply(1e300), "v · factor overflows to +infinity");
    assertEquals(-RunningMoments.MAX_STANDARDISED, overflowing.apply(-1e300));
  }
}

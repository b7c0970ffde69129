package weka.classifiers.functions;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import weka.core.Attribute;
import weka.core.DenseInstance;
import weka.core.Instances;

/** Small synthetic classification tables for the SOP behaviour tests. */
final class SyntheticLabels {
  private SyntheticLabels() {}

  /**
   * {@code n} points in {@code d} dimensions from {@code classes} Gaussian blobs with unit spread,
   * centres {@code separation} apart along distinct axes; class i is instance i mod classes.
   */
  static Instances blobs(int n, int classes, int d, double separation, long seed) {
    ArrayList<Attribute> atts = new ArrayList<>();
    for (int j = 0; j < d; j++) {
      atts.add(new Attribute("x" + j));
    }
    List<String> names = new ArrayList<>();
    for (int c = 0; c < classes; c++) {
      names.add("c" + c);
    }
    atts.add(new Attribute("class", names));
    Instances data = new Instances("blobs", atts, n);
    data.setClassIndex(d);
    Random rng = new Random(seed);
    for (int i = 0; i < n; i++) {
      int c = i % classes;
      double[] row = new double[d + 1];
      for (int j = 0; j < d; j++) {
        row[j] = rng.nextGaussian() + (j == c % d ? separation : 0);
      }
      row[d] = c;
      data.add(new DenseInstance(1.0, row));
    }
    return data;
  }
}

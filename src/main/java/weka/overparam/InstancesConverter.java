package weka.overparam;

import java.io.Serial;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import weka.core.Attribute;
import weka.core.Instance;
import weka.core.Instances;

/**
 * Turns Weka instances into the dense float rows the networks train on, with statistics fitted on
 * the training data only and applied unchanged at prediction time.
 *
 * <ul>
 *   <li>numeric attributes: standardised to mean 0, standard deviation 1 (a constant attribute
 *       becomes 0); missing values are imputed with the training mean, i.e. 0 after
 *       standardisation;</li>
 *   <li>nominal attributes: one-hot, one column per declared value; a missing value is the all-zero
 *       row (no category), so it carries no evidence either way;</li>
 *   <li>the class attribute and attributes skipped via {@code ignored} produce no column.</li>
 * </ul>
 *
 * Infinite values and attributes whose values are all missing are rejected with a message naming
 * the attribute (Weka reads NaN as missing, so NaN cannot reach the network).
 */
public final class InstancesConverter implements Serializable {
  @Serial private static final long serialVersionUID = 1L;

  private final int[] attributes;
  private final int[] firstColumn;
  private final boolean[] nominal;
  private final int[] numValues;
  private final double[] mean;
  private final double[] scale;
  private final String[] names;
  private final int numColumns;

  private InstancesConverter(int[] attributes, int[] firstColumn, boolean[] nominal, int[] numValues,
      double[] mean, double[] scale, String[] names, int numColumns) {
    this.attributes = attributes;
    this.firstColumn = firstColumn;
    this.nominal = nominal;
    this.numValues = numValues;
    this.mean = mean;
    this.scale = scale;
    this.names = names;
    this.numColumns = numColumns;
  }

  /**
   * Fits the conversion on training data.
   *
   * @param data training instances (class index set)
   * @param ignored attribute indices that are not network inputs (may be empty)
   */
  public static InstancesConverter fit(Instances data, int... ignored) {
    List<Integer> used = new ArrayList<>();
    for (int a = 0; a < data.numAttributes(); a++) {
      if (a == data.classIndex() || contains(ignored, a)) {
        continue;
      }
      Attribute att = data.attribute(a);
      if (!att.isNumeric() && !att.isNominal()) {
        throw new IllegalArgumentException("attribute '" + att.name() + "' is " + Attribute.typeToString(att)
            + "; only numeric and nominal attributes can be network inputs (convert it first, e.g. with StringToWordVector)");
      }
      used.add(a);
    }
    if (used.isEmpty()) {
      throw new IllegalArgumentException("the data has no input attributes besides the class attribute");
    }
    int m = used.size();
    int[] attributes = used.stream().mapToInt(Integer::intValue).toArray();
    int[] firstColumn = new int[m];
    boolean[] nominal = new boolean[m];
    int[] numValues = new int[m];
    double[] mean = new double[m];
    double[] scale = new double[m];
    String[] names = new String[m];
    int col = 0;
    for (int k = 0; k < m; k++) {
      Attribute att = data.attribute(attributes[k]);
      names[k] = att.name();
      firstColumn[k] = col;
      double sum = 0;
      double sumSq = 0;
      int present = 0;
      for (int i = 0; i < data.numInstances(); i++) {
        Instance inst = data.instance(i);
        if (inst.isMissing(attributes[k])) {
          continue;
        }
        double v = inst.value(attributes[k]);
        if (Double.isInfinite(v)) {
          throw new IllegalArgumentException("attribute '" + att.name() + "' has an infinite value in instance "
              + (i + 1) + "; remove or replace it first");
        }
        present++;
        sum += v;
        sumSq += v * v;
      }
      if (present == 0) {
        throw new IllegalArgumentException("attribute '" + att.name()
            + "' has only missing values in the training data; remove it (e.g. with RemoveUseless)");
      }
      if (att.isNominal()) {
        nominal[k] = true;
        numValues[k] = att.numValues();
        col += att.numValues();
      } else {
        mean[k] = sum / present;
        double var = Math.max(0, sumSq / present - mean[k] * mean[k]);
        scale[k] = var > 1e-24 ? 1 / Math.sqrt(var) : 0;
        col += 1;
      }
    }
    return new InstancesConverter(attributes, firstColumn, nominal, numValues, mean, scale, names, col);
  }

  /** Number of network inputs. */
  public int numColumns() {
    return numColumns;
  }

  /** One instance as a network input row. */
  public float[] row(Instance inst) {
    float[] x = new float[numColumns];
    for (int k = 0; k < attributes.length; k++) {
      int a = attributes[k];
      if (inst.isMissing(a)) {
        continue; // numeric: the mean (0); nominal: no category
      }
      double v = inst.value(a);
      if (nominal[k]) {
        x[firstColumn[k] + (int) v] = 1f;
      } else {
        if (Double.isInfinite(v)) {
          throw new IllegalArgumentException("attribute '" + names[k] + "' has an infinite value");
        }
        x[firstColumn[k]] = (float) ((v - mean[k]) * scale[k]);
      }
    }
    return x;
  }

  /** All instances as rows. */
  public float[][] rows(Instances data) {
    float[][] x = new float[data.numInstances()][];
    for (int i = 0; i < x.length; i++) {
      x[i] = row(data.instance(i));
    }
    return x;
  }

  /** Names of the input attributes in column order (nominal ones span several columns). */
  public String[] attributeNames() {
    return names.clone();
  }

  private static boolean contains(int[] a, int v) {
    for (int x : a) {
      if (x == v) {
        return true;
      }
    }
    return false;
  }
}

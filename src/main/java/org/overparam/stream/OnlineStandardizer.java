package org.overparam.stream;

import java.io.Serial;
import java.io.Serializable;
import org.overparam.common.Checks;

/**
 * Turns raw stream rows into network inputs with statistics estimated online: each numeric
 * attribute is standardised with its running mean and standard deviation (Welford's update, so no
 * pass over past data is needed), each nominal attribute becomes a one-hot block. A missing
 * numeric value maps to the running mean (input 0); a missing or unknown nominal value activates
 * no category.
 *
 * <p>Raw rows hold one double per attribute: the value of a numeric attribute, or the category
 * index of a nominal one; {@link Double#NaN} marks a missing value.
 */
public final class OnlineStandardizer implements Serializable {
  @Serial private static final long serialVersionUID = 1L;

  /** Standard deviations below this are treated as a constant attribute (centred, not scaled). */
  private static final double MIN_STD = 1e-12;

  private final int[] cardinality;
  private final int[] offset;
  private final int numInputs;
  private final long[] count;
  private final double[] mean;
  private final double[] m2;

  /**
   * @param cardinality per attribute: 0 for numeric, else the number of categories (at least 1)
   */
  public OnlineStandardizer(int[] cardinality) {
    Checks.require(cardinality.length > 0,
        "the stream has no input attributes besides the class; the network needs at least one");
    this.cardinality = cardinality.clone();
    offset = new int[cardinality.length];
    int width = 0;
    for (int a = 0; a < cardinality.length; a++) {
      Checks.require(cardinality[a] >= 0, "cardinality of attribute " + a + " must be >= 0");
      offset[a] = width;
      width += cardinality[a] == 0 ? 1 : cardinality[a];
    }
    Checks.require(width > 0, "the stream's attributes give no network inputs");
    numInputs = width;
    count = new long[cardinality.length];
    mean = new double[cardinality.length];
    m2 = new double[cardinality.length];
  }

  /** Number of network inputs (numeric attributes plus one per nominal category). */
  public int numInputs() {
    return numInputs;
  }

  /**
   * Adds a row to the running statistics.
   *
   * @throws IllegalArgumentException if a numeric value is infinite
   */
  public void observe(double[] raw) {
    checkWidth(raw);
    for (int a = 0; a < raw.length; a++) {
      if (cardinality[a] != 0 || Double.isNaN(raw[a])) {
        continue;
      }
      Checks.require(Double.isFinite(raw[a]), "attribute " + a + " has the non-finite value " + raw[a]);
      count[a]++;
      double delta = raw[a] - mean[a];
      mean[a] += delta / count[a];
      m2[a] += delta * (raw[a] - mean[a]);
    }
  }

  /** Encodes {@code raw} into {@code out} (length {@link #numInputs()}) with the current statistics. */
  public void encode(double[] raw, float[] out) {
    checkWidth(raw);
    java.util.Arrays.fill(out, 0f);
    for (int a = 0; a < raw.length; a++) {
      double v = raw[a];
      if (cardinality[a] == 0) {
        if (!Double.isNaN(v)) {
          Checks.require(Double.isFinite(v), "attribute " + a + " has the non-finite value " + v);
          out[offset[a]] = (float) ((v - mean[a]) / scale(a));
        }
      } else if (!Double.isNaN(v)) {
        int category = (int) v;
        if (category >= 0 && category < cardinality[a]) {
          out[offset[a] + category] = 1f;
        }
      }
    }
  }

  /** Running mean of numeric attribute {@code a} (0 before any value). */
  public double mean(int a) {
    return mean[a];
  }

  /** Running (population) standard deviation of numeric attribute {@code a}. */
  public double std(int a) {
    return count[a] < 2 ? 0 : Math.sqrt(m2[a] / count[a]);
  }

  private double scale(int a) {
    double s = std(a);
    return s > MIN_STD ? s : 1;
  }

  private void checkWidth(double[] raw) {
    Checks.require(raw.length == cardinality.length,
        "row has " + raw.length + " attributes, expected " + cardinality.length);
  }
}

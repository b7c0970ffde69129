// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package weka.overparam;

import java.io.Serial;
import java.io.Serializable;
import java.lang.ref.WeakReference;
import weka.core.Attribute;
import weka.core.Instance;
import weka.core.Instances;

/**
 * The header a model was trained on, and the check that data given to the model later fit it.
 * Weka's Evaluation compares headers itself, but the Java API (the KnowledgeFlow, MOA's bridge,
 * programs) hands instances straight to the model, and a model that read the wrong columns would
 * answer without a word.
 *
 * <p>Compatible means: the same number of attributes with the same names and types, the same class
 * attribute, and for every nominal attribute the training values, in order, at the start of its
 * value list. A nominal attribute may have more values than in training (a later file met a new
 * category); an instance with such a value is treated as missing there. The class attribute must
 * have exactly the training values, since predictions are over them.
 */
public final class TrainingHeader implements Serializable {
  @Serial private static final long serialVersionUID = 1L;

  private final Instances header;
  /** The last data set found compatible, so that instance-by-instance prediction checks it once. */
  private transient WeakReference<Instances> lastCompatible;

  private TrainingHeader(Instances header) {
    this.header = header;
  }

  /**
   * Refuses a missing data set with a message: Weka's command line goes on to train after a data file it could not
   * read (its own error printed first) and hands the learner null.
   */
  public static void requireData(Instances data) {
    if (data == null) {
      throw new IllegalArgumentException("no training data: none was given, or the data file could not be read "
          + "(see the message before this one)");
    }
  }

  /** Remembers the header of {@code data} (no instances are kept). */
  public static TrainingHeader of(Instances data) {
    return new TrainingHeader(new Instances(data, 0));
  }

  /** The training header (an empty data set; do not modify). */
  public Instances header() {
    return header;
  }

  /**
   * Throws unless {@code inst} fits the training header; an instance without a data set must have
   * the training number of attributes.
   *
   * @throws IllegalArgumentException naming the first difference
   */
  public void check(Instance inst) {
    if (inst.dataset() != null) {
      check(inst.dataset());
    } else if (inst.numAttributes() != header.numAttributes()) {
      throw mismatch("the instance has " + inst.numAttributes() + " attributes, the training data had "
          + header.numAttributes());
    }
  }

  /**
   * Throws unless {@code data} has a header compatible with the training header.
   *
   * @throws IllegalArgumentException naming the first difference
   */
  public void check(Instances data) {
    WeakReference<Instances> last = lastCompatible;
    if (last != null && last.get() == data) {
      return;
    }
    String problem = difference(data);
    if (problem != null) {
      throw mismatch(problem);
    }
    lastCompatible = new WeakReference<>(data);
  }

  /** The first difference between {@code data}'s header and the training header, or null. */
  private String difference(Instances data) {
    if (data.numAttributes() != header.numAttributes()) {
      return "it has " + data.numAttributes() + " attributes, the training data had " + header.numAttributes();
    }
    for (int a = 0; a < header.numAttributes(); a++) {
      Attribute want = header.attribute(a);
      Attribute got = data.attribute(a);
      if (!want.name().equals(got.name())) {
        return "attribute " + (a + 1) + " is '" + got.name() + "', in the training data it was '" + want.name() + "'";
      }
      if (want.type() != got.type()) {
        return "attribute '" + want.name() + "' is " + Attribute.typeToString(got) + ", in the training data it was "
            + Attribute.typeToString(want);
      }
      if (want.isNominal()) {
        boolean isClass = a == header.classIndex();
        boolean sameStart = got.numValues() >= want.numValues();
        for (int v = 0; sameStart && v < want.numValues(); v++) {
          sameStart = want.value(v).equals(got.value(v));
        }
        if (!sameStart || (isClass && got.numValues() != want.numValues())) {
          return (isClass ? "the class attribute '" : "attribute '") + want.name() + "' has the values "
              + values(got) + ", in the training data " + values(want)
              + (isClass ? "" : " (new values may only be added after the training values)");
        }
      }
    }
    if (header.classIndex() >= 0 && data.classIndex() != header.classIndex()) {
      return "its class is " + (data.classIndex() < 0 ? "not set" : "attribute '" + data.classAttribute().name() + "'")
          + ", in the training data it was '" + header.classAttribute().name() + "'";
    }
    return null;
  }

  private static IllegalArgumentException mismatch(String problem) {
    return new IllegalArgumentException("the data do not match the training header: " + problem);
  }

  private static String values(Attribute a) {
    StringBuilder sb = new StringBuilder("{");
    for (int v = 0; v < a.numValues(); v++) {
      sb.append(v > 0 ? ", " : "").append(a.value(v));
    }
    return sb.append('}').toString();
  }
}

// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package weka.overparam.badinput;

import static weka.overparam.badinput.Expect.require;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import weka.classifiers.Classifier;
import weka.classifiers.functions.ItopSparseNetwork;
import weka.clusterers.DensityBasedClusterer;
import weka.core.Attribute;
import weka.core.DenseInstance;
import weka.core.Instance;
import weka.core.Instances;
import weka.core.Utils;

/**
 * Prediction through the Java API (as the KnowledgeFlow, MOA's bridge and programs call it) with
 * an instance whose header is not the training header: a different attribute count, order, type
 * or value list is an IllegalArgumentException naming the difference; a nominal value the training
 * data did not have counts as missing and never touches another attribute's encoding.
 */
final class HeaderCases {
  private HeaderCases() {}

  static List<Case> cases() {
    List<Case> c = new ArrayList<>();
    for (Targets t : new Targets[] {Targets.ITOP, Targets.SOP, Targets.MINDIFF, Targets.KGD, Targets.EM}) {
      String k = t.name().toLowerCase();
      boolean classifies = t != Targets.EM && t != Targets.KGD;
      c.add(mismatch("extra-attribute-" + k, t, "an instance with an extra numeric attribute 'w'",
          d -> withExtraAttribute(d), "attributes"));
      c.add(mismatch("renamed-" + k, t, "an instance whose first attribute has another name",
          d -> renamed(d, 0, "renamed"), "renamed"));
      c.add(mismatch("type-" + k, t, "an instance whose first attribute is nominal instead of numeric",
          d -> nominalFirst(d), "nominal"));
      if (classifies) {
        c.add(mismatch("class-values-" + k, t, "an instance whose class has a third value",
            d -> withValueAppended(d, d.classIndex(), "other"), "class"));
        c.add(mismatch("values-order-" + k, t, "an instance whose 'grp' lists its values as {b, a}",
            d -> reordered(d, d.attribute("grp").index()), "grp"));
        c.add(new Case("hdr-unseen-value-" + k, t.label, "an instance of a header whose 'color' has a 4th value "
            + "'purple' (before the nominal 'size')", Expect.result(), () -> unseenValue(t)));
        c.add(new Case("hdr-index-beyond-" + k, t.label, "an instance without a header whose 'color' index is 7",
            Expect.result(), () -> indexBeyond(t)));
      }
    }
    c.add(new Case("hdr-resume-other-data", "ItopSparseNetwork", "-resume, built on one data set, then built on another",
        Expect.error(IllegalArgumentException.class, "resume"), () -> {
          ItopSparseNetwork n = (ItopSparseNetwork) Targets.ITOP.configured("-resume");
          n.buildClassifier(Data.separable(40, 1));
          n.buildClassifier(Data.separable(40, 2));
          return "built twice";
        }));
    c.add(new Case("hdr-resume-same-data", "ItopSparseNetwork", "-resume, built twice on the same data",
        Expect.result(), () -> {
          ItopSparseNetwork n = (ItopSparseNetwork) Targets.ITOP.configured("-resume");
          Instances d = Data.separable(40, 1);
          n.buildClassifier(d);
          n.buildClassifier(d);
          require(n.toString().contains("epochs trained: 6"), "training did not continue: " + n);
          return "training continued for 3 more epochs";
        }));
    return c;
  }

  /** Trains t on its data, then predicts one instance of the header made by {@code change}. */
  private static Case mismatch(String id, Targets t, String input, Function<Instances, Instances> change,
      String fragment) {
    return new Case("hdr-" + id, t.label, input, Expect.error(IllegalArgumentException.class, "header", fragment),
        () -> {
          Instances train = t.data();
          Object model = t.configured("");
          Targets.build((weka.core.OptionHandler) model, train);
          Instances other = change.apply(train);
          return Arrays.toString(predict(model, other.instance(0)));
        });
  }

  static double[] predict(Object model, Instance inst) throws Exception {
    if (model instanceof DensityBasedClusterer c) {
      return c.distributionForInstance(inst);
    }
    Classifier c = (Classifier) model;
    return inst.classAttribute().isNumeric() ? new double[] {c.classifyInstance(inst)} : c.distributionForInstance(inst);
  }

  /** A nominal value beyond the training header counts as missing and leaves 'size' alone. */
  private static String unseenValue(Targets t) throws Exception {
    Instances train = Data.mixed(120, 1);
    Classifier cl = (Classifier) t.configured("-epochs 10 -hidden-layers 16"
        + (t == Targets.MINDIFF ? " -sensitive-attribute size -sensitive-value s" : ""));
    cl.buildClassifier(train);
    Instances extended = withValueAppended(train, 1, "purple");
    Instance purple = extended.instance(0);
    purple.setValue(1, "purple");
    purple.setValue(2, "l"); // index 3 of color must not switch on size's first column ('s')
    Instance missing = (Instance) train.instance(0).copy();
    missing.setMissing(1);
    missing.setValue(2, "l");
    double[] p = cl.distributionForInstance(purple);
    double[] q = cl.distributionForInstance(missing);
    require(Arrays.equals(p, q), "unseen value " + Arrays.toString(p) + " != missing value " + Arrays.toString(q));
    return "predicted as a missing color";
  }

  private static String indexBeyond(Targets t) throws Exception {
    Instances train = Data.mixed(120, 1);
    Classifier cl = (Classifier) t.configured("-epochs 10 -hidden-layers 16"
        + (t == Targets.MINDIFF ? " -sensitive-attribute size -sensitive-value s" : ""));
    cl.buildClassifier(train);
    double[] values = train.instance(0).toDoubleArray();
    values[1] = 7;
    values[2] = 2;
    Instance missing = (Instance) train.instance(0).copy();
    missing.setMissing(1);
    missing.setValue(2, 2);
    double[] expected = cl.distributionForInstance(missing);
    Instance free = new DenseInstance(1, values); // no header at all
    double[] p = cl.distributionForInstance(free);
    require(Arrays.equals(p, expected), "index 7 " + Arrays.toString(p) + " != missing " + Arrays.toString(expected));
    Instance bound = new DenseInstance(1, values); // the training header, an index it does not have
    bound.setDataset(train);
    p = cl.distributionForInstance(bound);
    require(Arrays.equals(p, expected), "index 7 " + Arrays.toString(p) + " != missing " + Arrays.toString(expected));
    return "predicted as a missing color";
  }

  private static Instances withExtraAttribute(Instances d) {
    Instances out = new Instances(d);
    out.insertAttributeAt(new Attribute("w"), out.numAttributes() - (out.classIndex() >= 0 ? 1 : 0));
    return out;
  }

  private static Instances renamed(Instances d, int a, String name) {
    Instances out = new Instances(d);
    out.renameAttribute(a, name);
    return out;
  }

  /** The first attribute replaced by a nominal {lo, hi} one. */
  private static Instances nominalFirst(Instances d) {
    Instances out = new Instances(d);
    String name = out.attribute(0).name();
    out.deleteAttributeAt(0);
    out.insertAttributeAt(new Attribute(name, List.of("lo", "hi")), 0);
    for (Instance i : out) {
      i.setValue(0, 0);
    }
    return out;
  }

  private static Instances withValueAppended(Instances d, int a, String value) {
    Instances out = new Instances(d);
    Attribute old = out.attribute(a);
    List<String> values = new ArrayList<>();
    for (int v = 0; v < old.numValues(); v++) {
      values.add(old.value(v));
    }
    values.add(value);
    return replaceNominal(out, a, values, v -> v);
  }

  private static Instances reordered(Instances d, int a) {
    Attribute old = d.attribute(a);
    List<String> values = new ArrayList<>();
    for (int v = old.numValues() - 1; v >= 0; v--) {
      values.add(old.value(v));
    }
    return replaceNominal(new Instances(d), a, values, v -> old.numValues() - 1 - v);
  }

  /** Attribute a replaced by a nominal one with {@code values}; value indices mapped by {@code map}. */
  private static Instances replaceNominal(Instances d, int a, List<String> values,
      java.util.function.IntUnaryOperator map) {
    ArrayList<Attribute> atts = new ArrayList<>();
    for (int i = 0; i < d.numAttributes(); i++) {
      atts.add(i == a ? new Attribute(d.attribute(a).name(), values) : (Attribute) d.attribute(i).copy());
    }
    Instances out = new Instances(d.relationName(), atts, d.numInstances());
    out.setClassIndex(d.classIndex());
    for (Instance inst : d) {
      double[] v = inst.toDoubleArray();
      if (!Utils.isMissingValue(v[a])) {
        v[a] = map.applyAsInt((int) v[a]);
      }
      out.add(new DenseInstance(inst.weight(), v));
    }
    return out;
  }
}

// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package weka.overparam.badinput;

import static weka.overparam.badinput.Expect.require;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import weka.classifiers.Classifier;
import weka.core.Attribute;
import weka.core.DenseInstance;
import weka.core.Instances;

/**
 * Training data that no learner can use as given: each must stop with an exception that names the
 * problem (the attribute, the 1-based instance, the option), or, where the data are usable, train
 * correctly and say what it did with them.
 */
final class DataCases {
  private DataCases() {}

  private static final Targets[] NETWORKS = {Targets.ITOP, Targets.SOP, Targets.MINDIFF};
  private static final Targets[] LEARNERS = {Targets.ITOP, Targets.SOP, Targets.MINDIFF, Targets.KGD, Targets.EM};

  static List<Case> cases() {
    List<Case> c = new ArrayList<>();
    for (Targets t : LEARNERS) {
      String k = t.name().toLowerCase();
      c.add(bad("empty-" + k, t, "no instances", d -> new Instances(d, 0), Exception.class, "instances"));
      c.add(bad("string-" + k, t, "a string attribute", Data::withStringAttribute, Exception.class, "string"));
      c.add(bad("all-missing-" + k, t, "an attribute whose values are all missing", Data::withAllMissing,
          IllegalArgumentException.class, "empty", "missing"));
      c.add(bad("infinite-" + k, t, "+Infinity in the first attribute of instance 5",
          d -> Data.withValue(d, 4, 0, Double.POSITIVE_INFINITY), IllegalArgumentException.class,
          "infinite", "instance 5"));
      c.add(bad("negative-infinite-" + k, t, "-Infinity in the first attribute of instance 2",
          d -> Data.withValue(d, 1, 0, Double.NEGATIVE_INFINITY), IllegalArgumentException.class,
          "infinite", "instance 2"));
      // Kernel GD is no WeightedInstancesHandler: Weka's capability check refuses weights other than 1.
      Class<? extends Throwable> weightError = t == Targets.KGD ? Exception.class : IllegalArgumentException.class;
      String instance3 = t == Targets.KGD ? "weight" : "instance 3";
      String instance4 = t == Targets.KGD ? "weight" : "instance 4";
      c.add(bad("zero-weights-" + k, t, "every instance weight 0", d -> Data.withWeights(d, 0), weightError,
          "weight", t == Targets.KGD ? "weight" : "0"));
      c.add(bad("negative-weight-" + k, t, "instance 3 has weight -1", d -> Data.withWeight(d, 2, -1), weightError,
          "weight", instance3));
      c.add(bad("nan-weight-" + k, t, "instance 4 has weight NaN", d -> Data.withWeight(d, 3, Double.NaN),
          weightError, "weight", instance4));
      c.add(bad("class-only-" + k, t, "no attribute besides the class", Data::classOnly, Exception.class,
          "attribute"));
      // each weight finite, their sum not: the networks' mean weights became Infinity and a model learned nothing
      c.add(bad("overflowing-weights-" + k, t, "every instance weight 1.7e308 (finite; their total is not)",
          d -> Data.withWeights(d, 1.7e308), weightError, "weight", t == Targets.KGD ? "weight" : "total"));
      // Weka's command line trains on after a data file it could not read, with null
      c.add(bad("null-data-" + k, t, "no data set (null, as after an unreadable file)", d -> null,
          IllegalArgumentException.class, "no training data"));
    }
    for (Targets t : NETWORKS) {
      String k = t.name().toLowerCase();
      c.add(bad("one-class-" + k, t, "every instance of class neg", d -> onlyClass(d, 0),
          IllegalArgumentException.class, "one class", "neg"));
      c.add(bad("missing-classes-" + k, t, "every class value missing", DataCases::withoutClassValues,
          Exception.class, "class"));
      if (t != Targets.ITOP) { // SOP's label noise and MinDiff's error rates need classes; the message says so
        c.add(bad("numeric-class-" + k, t, "a numeric class", d -> Data.regression(40, 1), Exception.class,
            "numeric class", t == Targets.SOP ? "label noise" : "false negative", "ItopSparseNetwork"));
      }
      c.add(new Case("data-constant-" + k, t.label, "an attribute with the same value 7 in every instance",
          Expect.result(), () -> {
            Classifier cl = (Classifier) t.configured("-epochs 30 -hidden-layers 64");
            cl.buildClassifier(withSeven(Data.separable(150, 1)));
            double acc = Data.accuracy(cl, withSeven(Data.separable(200, 2)));
            require(cl.toString().contains("seven"), "the constant attribute is not named in the model description");
            require(acc > 90, "accuracy " + acc);
            return String.format("named in the description; test accuracy %.1f%%", acc);
          }));
    }
    c.add(bad("nominal-class-kgd", Targets.KGD, "a nominal class", d -> Data.separable(40, 1), Exception.class,
        "class"));
    // ItopSparseNetwork regresses on a numeric class: its bad targets.
    c.add(new Case("data-numeric-class-itop", Targets.ITOP.label, "a numeric class (regression)", Expect.result(),
        () -> {
          Classifier cl = (Classifier) Targets.ITOP.configured("-epochs 30 -hidden-layers 256,256");
          cl.buildClassifier(Data.regression(200, 1));
          double rmse = Data.rmse(cl, Data.regression(200, 2), 1);
          require(rmse < 0.5, "test RMSE " + rmse + " (the target's sd is about 0.9)");
          return String.format("test RMSE %.3f", rmse);
        }));
    c.add(withData("constant-target-itop", Targets.ITOP, "a numeric class with the value 3.5 in every instance",
        () -> constantTarget(Data.regression(40, 1)), IllegalArgumentException.class, "constant", "3.5", "ZeroR"));
    c.add(withData("infinite-target-itop", Targets.ITOP, "a numeric class that is +Infinity in instance 3",
        () -> Data.withValue(Data.regression(40, 1), 2, 2, Double.POSITIVE_INFINITY), IllegalArgumentException.class,
        "finite", "instance 3", "'y'"));
    c.add(new Case("data-missing-targets-itop", Targets.ITOP.label, "a numeric class missing in every other "
        + "instance", Expect.result(), () -> {
          Instances d = Data.regression(40, 1);
          for (int i = 0; i < d.numInstances(); i += 2) {
            d.instance(i).setClassMissing();
          }
          Classifier cl = (Classifier) Targets.ITOP.configured("");
          cl.buildClassifier(d);
          require(Double.isFinite(cl.classifyInstance(d.instance(0))), "prediction not finite");
          return "built on the 20 instances with a value; finite predictions";
        }));
    c.add(withData("all-targets-missing-itop", Targets.ITOP, "a numeric class missing in every instance",
        () -> {
          Instances d = Data.regression(40, 1);
          d.forEach(weka.core.Instance::setClassMissing);
          return d;
        }, Exception.class, "class"));
    c.add(bad("constant-target-kgd", Targets.KGD, "the same target value in every instance", DataCases::constantTarget,
        IllegalArgumentException.class, "constant"));
    c.add(bad("only-nominal-em", Targets.EM, "only nominal attributes", DataCases::onlyNominal,
        IllegalArgumentException.class, "numeric attribute"));
    c.add(withOptions("-N 5", "more-clusters-than-instances-em", Targets.EM, "3 instances", d -> Data.head(d, 3),
        IllegalArgumentException.class, "-N", "5"));
    c.add(withOptions("-sensitive-attribute grp -sensitive-value a", "md-zero-weight-group", Targets.MINDIFF,
        "weight 0 for every instance of the sensitive group", DataCases::zeroWeightGroup,
        IllegalArgumentException.class, "weight"));
    c.add(new Case("data-date-itop", Targets.ITOP.label, "a date attribute carrying the class", Expect.result(), () -> {
      Instances d = withDate(Data.separable(120, 1));
      Classifier cl = (Classifier) Targets.ITOP.configured("-epochs 30 -hidden-layers 64");
      cl.buildClassifier(d);
      double acc = Data.accuracy(cl, withDate(Data.separable(200, 2)));
      require(acc > 90, "accuracy " + acc);
      return String.format("test accuracy %.1f%%", acc);
    }));
    return c;
  }

  private static Case bad(String id, Targets t, String input, Function<Instances, Instances> data,
      Class<? extends Throwable> type, String... fragments) {
    return withOptions("", id, t, input, data, type, fragments);
  }

  private static Case withOptions(String options, String id, Targets t, String input,
      Function<Instances, Instances> data, Class<? extends Throwable> type, String... fragments) {
    return new Case("data-" + id, t.label, input + (options.isEmpty() ? "" : " (" + options + ")"),
        Expect.error(type, fragments), () -> Targets.build(t.configured(options), data.apply(t.data())));
  }

  private static Case withData(String id, Targets t, String input, java.util.concurrent.Callable<Instances> data,
      Class<? extends Throwable> type, String... fragments) {
    return new Case("data-" + id, t.label, input, Expect.error(type, fragments),
        () -> Targets.build(t.configured(""), data.call()));
  }

  /** The mixed data without its class and its numeric attribute. */
  private static Instances onlyNominal(Instances ignored) {
    Instances d = Data.mixed(40, 1);
    d.setClassIndex(-1);
    d.deleteAttributeAt(3);
    d.deleteAttributeAt(0);
    return d;
  }

  private static Instances onlyClass(Instances d, int cls) {
    Instances out = new Instances(d);
    for (int i = 0; i < out.numInstances(); i++) {
      out.instance(i).setClassValue(cls);
    }
    return out;
  }

  private static Instances withoutClassValues(Instances d) {
    Instances out = new Instances(d);
    for (int i = 0; i < out.numInstances(); i++) {
      out.instance(i).setClassMissing();
    }
    return out;
  }

  private static Instances constantTarget(Instances d) {
    Instances out = new Instances(d);
    for (int i = 0; i < out.numInstances(); i++) {
      out.instance(i).setClassValue(3.5);
    }
    return out;
  }

  private static Instances zeroWeightGroup(Instances d) {
    Instances out = new Instances(d);
    int grp = out.attribute("grp").index();
    for (int i = 0; i < out.numInstances(); i++) {
      if (out.instance(i).value(grp) == 0) {
        out.instance(i).setWeight(0);
      }
    }
    return out;
  }

  /** A copy with an attribute 'seven' in front that is 7 in every instance. */
  private static Instances withSeven(Instances data) {
    Instances d = new Instances(data);
    d.insertAttributeAt(new Attribute("seven"), 0);
    for (int i = 0; i < d.numInstances(); i++) {
      d.instance(i).setValue(0, 7);
    }
    return d;
  }

  /** x as a date: 2000-01-01 plus x days. */
  private static Instances withDate(Instances d) {
    ArrayList<Attribute> atts = new ArrayList<>();
    atts.add(new Attribute("when", "yyyy-MM-dd HH:mm"));
    atts.add(new Attribute("class", List.of("neg", "pos")));
    Instances out = new Instances("dated", atts, d.numInstances());
    out.setClassIndex(1);
    for (int i = 0; i < d.numInstances(); i++) {
      out.add(new DenseInstance(1, new double[] {946684800000.0 + d.instance(i).value(0) * 86_400_000.0,
          d.instance(i).classValue()}));
    }
    return out;
  }
}

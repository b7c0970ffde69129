// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package weka.overparam.badinput;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import weka.classifiers.Classifier;
import weka.classifiers.functions.ItopSparseNetwork;
import weka.classifiers.functions.MinDiffNetwork;
import weka.classifiers.functions.OverparameterizedKernelGD;
import weka.classifiers.functions.SopRobustNetwork;
import weka.clusterers.Clusterer;
import weka.clusterers.OverparameterizedEM;
import weka.core.Instances;
import weka.core.OptionHandler;
import weka.core.Utils;
import weka.filters.Filter;
import weka.filters.supervised.attribute.AsymmetricLabelNoise;
import weka.filters.supervised.instance.RemoveLabelIssues;

/**
 * The learners and the filter as the table uses them: a factory, small data to build on, and
 * options that keep a build short (added only for flags a case does not set itself).
 */
enum Targets {
  ITOP("ItopSparseNetwork", ItopSparseNetwork::new, "-epochs 3 -hidden-layers 8"),
  SOP("SopRobustNetwork", SopRobustNetwork::new, "-epochs 3 -hidden-layers 8 -batch-size-train 16"),
  MINDIFF("MinDiffNetwork", MinDiffNetwork::new, "-epochs 3 -hidden-layers 8 -sensitive-attribute first"),
  KGD("OverparameterizedKernelGD", OverparameterizedKernelGD::new, "-checkpoints 20"),
  EM("OverparameterizedEM", OverparameterizedEM::new, ""),
  FILTER("AsymmetricLabelNoise", AsymmetricLabelNoise::new, ""),
  LABEL_FILTER("RemoveLabelIssues", RemoveLabelIssues::new, "-W weka.classifiers.functions.Logistic");

  final String label;
  private final Supplier<OptionHandler> factory;
  private final String fastOptions;

  Targets(String label, Supplier<OptionHandler> factory, String fastOptions) {
    this.label = label;
    this.factory = factory;
    this.fastOptions = fastOptions;
  }

  OptionHandler create() {
    return factory.get();
  }

  /** A fresh learner with {@code options} plus the fast options it does not override. */
  OptionHandler configured(String options) throws Exception {
    OptionHandler h = create();
    h.setOptions(merge(options));
    return h;
  }

  private String[] merge(String options) throws Exception {
    List<String> given = new ArrayList<>(List.of(Utils.splitOptions(options)));
    String[] fast = Utils.splitOptions(fastOptions);
    for (int i = 0; i < fast.length; i += 2) {
      if (!given.contains(fast[i])) {
        given.add(fast[i]);
        given.add(fast[i + 1]);
      }
    }
    return given.toArray(new String[0]);
  }

  /** Small data this target accepts. */
  Instances data() {
    return switch (this) {
      case KGD -> Data.regression(40, 1);
      case EM -> Data.clusters(60, 1);
      case FILTER, LABEL_FILTER -> Data.mixed(40, 1);
      default -> Data.separable(40, 1);
    };
  }

  /** Builds (or, for the filter, applies) {@code h} on {@code data}; returns a short description. */
  static String build(OptionHandler h, Instances data) throws Exception {
    if (h instanceof Classifier c) {
      c.buildClassifier(data);
      return "built";
    }
    if (h instanceof Clusterer c) {
      c.buildClusterer(data);
      return "built, " + c.numberOfClusters() + " clusters";
    }
    Filter f = (Filter) h;
    f.setInputFormat(data);
    return "filtered " + Filter.useFilter(data, f).numInstances() + " rows";
  }
}

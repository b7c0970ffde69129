// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package weka.overparam.badinput;

import static weka.overparam.badinput.Expect.require;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;
import weka.classifiers.functions.ItopSparseNetwork;
import weka.classifiers.functions.OverparameterizedKernelGD;
import weka.clusterers.OverparameterizedEM;
import weka.core.OptionHandler;
import weka.core.Utils;
import weka.filters.supervised.attribute.AsymmetricLabelNoise;
import weka.filters.supervised.instance.RemoveLabelIssues;

/**
 * Option values: a non-number, an unknown enum constant, an out-of-range number or an empty list
 * is an IllegalArgumentException naming the flag and the value (and, for a choice, what is
 * allowed), whether it shows at setOptions or at build time; options left out revert to defaults.
 */
final class OptionCases {
  private OptionCases() {}

  static List<Case> cases() {
    List<Case> c = new ArrayList<>();
    // ItopSparseNetwork (the options shared by all three networks)
    c.add(bad("epochs-nan", Targets.ITOP, "-epochs abc", "-epochs", "abc"));
    c.add(bad("layers-too-many-parameters", Targets.ITOP, "-hidden-layers 100000,100000", "10,000,", "parameters",
        "hidden layers"));
    c.add(bad("kgd-features-beyond-heap", Targets.KGD, "-features RANDOM_FOURIER -num-features 2000000000",
        "-num-features 2000000000", "-Xmx"));
    c.add(bad("epochs-fraction", Targets.ITOP, "-epochs 2.5", "-epochs", "2.5"));
    c.add(bad("epochs-overflow", Targets.ITOP, "-epochs 99999999999", "-epochs", "99999999999"));
    c.add(bad("epochs-zero", Targets.ITOP, "-epochs 0", "-epochs", "0"));
    c.add(bad("lr-nan", Targets.ITOP, "-learning-rate fast", "-learning-rate", "fast"));
    c.add(bad("lr-infinite", Targets.ITOP, "-learning-rate Infinity", "-learning-rate", "Infinity"));
    c.add(bad("lr-negative", Targets.ITOP, "-learning-rate -0.1", "-learning-rate", "-0.1"));
    c.add(bad("activation-unknown", Targets.ITOP, "-activation FOO", "-activation", "FOO", "RELU"));
    c.add(bad("updater-lowercase", Targets.ITOP, "-updater adam", "-updater", "adam", "ADAM"));
    c.add(bad("growth-unknown", Targets.ITOP, "-growth FOO", "-growth", "FOO", "GRADIENT"));
    c.add(bad("hidden-empty", Targets.ITOP, "-hidden-layers \"\"", "-hidden-layers"));
    c.add(bad("hidden-garbage", Targets.ITOP, "-hidden-layers 10,abc", "-hidden-layers", "10,abc"));
    c.add(bad("hidden-zero", Targets.ITOP, "-hidden-layers 0", "-hidden-layers", "0"));
    c.add(bad("sparsity-range", Targets.ITOP, "-sparsity 1.5", "-sparsity", "1.5"));
    c.add(bad("sparsity-nan", Targets.ITOP, "-sparsity NaN", "-sparsity", "NaN"));
    c.add(bad("momentum-range", Targets.ITOP, "-momentum 1.5", "-momentum", "1.5"));
    c.add(bad("validation-fraction-one", Targets.ITOP, "-validation-fraction 1", "-validation-fraction", "1"));
    c.add(bad("prune-rate-range", Targets.ITOP, "-prune-rate 2", "-prune-rate", "2"));
    c.add(bad("gradient-clip-negative", Targets.ITOP, "-gradient-clip -2", "-gradient-clip", "-2", "automatic"));
    c.add(bad("seed-nan", Targets.ITOP, "-S abc", "-S", "abc"));
    c.add(bad("batch-size-nan", Targets.ITOP, "-batch-size abc", "-batch-size", "abc"));
    c.add(bad("batch-size-zero", Targets.ITOP, "-batch-size 0", "-batch-size", "0"));
    c.add(bad("decimals-nan", Targets.ITOP, "-num-decimal-places abc", "-num-decimal-places", "abc"));
    c.add(bad("threads-negative", Targets.ITOP, "-num-threads -1", "-num-threads", "-1", "0 for automatic"));
    c.add(bad("threads-nan", Targets.ITOP, "-num-threads all", "-num-threads", "all"));
    c.add(reset("itop", Targets.ITOP, ItopSparseNetwork::new, "-epochs 7 -sparsity 0.5 -fix-mask", "-hidden-layers 8",
        n -> n.getEpochs() == 100 && n.getSparsity() == 0.9 && !n.getFixMask(), "epochs, sparsity and fix-mask"));
    // SopRobustNetwork
    c.add(bad("sop-variant", Targets.SOP, "-sop-variant FOO", "-sop-variant", "FOO", "PAPER"));
    c.add(bad("sop-lr-u", Targets.SOP, "-lr-u -1", "-lr-u", "-1"));
    c.add(bad("sop-top-k", Targets.SOP, "-noise-report-top-k abc", "-noise-report-top-k", "abc"));
    c.add(bad("sop-uv-scaling", Targets.SOP, "-uv-lr-scaling FOO", "-uv-lr-scaling", "FOO", "MATCH_GROWTH"));
    c.add(bad("sop-report-dir", Targets.SOP, "-noise-report-file /no/such/dir/report.csv", "-noise-report-file",
        "/no/such/dir"));
    // MinDiffNetwork
    c.add(bad("md-attribute-unset", Targets.MINDIFF, "-sensitive-attribute \"\"", "-sensitive-attribute",
        "not set", "grp"));
    c.add(bad("md-attribute", Targets.MINDIFF, "-sensitive-attribute nosuch", "sensitive-attribute", "nosuch"));
    c.add(bad("md-attribute-numeric", Targets.MINDIFF, "-sensitive-attribute x", "sensitive-attribute", "x",
        "nominal"));
    c.add(bad("md-attribute-class", Targets.MINDIFF, "-sensitive-attribute class", "sensitive-attribute", "class"));
    c.add(bad("md-value", Targets.MINDIFF, "-sensitive-attribute grp -sensitive-value purple", "sensitive-value",
        "purple"));
    c.add(bad("md-positive", Targets.MINDIFF, "-positive-class maybe", "positive-class", "maybe"));
    c.add(bad("md-kernel", Targets.MINDIFF, "-kernel FOO", "-kernel", "FOO", "GAUSSIAN"));
    c.add(bad("md-lambda", Targets.MINDIFF, "-lambda -1", "-lambda", "-1"));
    c.add(bad("md-gap", Targets.MINDIFF, "-gap-tolerance 2", "-gap-tolerance", "2"));
    c.add(bad("md-thresholds", Targets.MINDIFF, "-decision-thresholds GROUP_CONSTRAINED -validation-fraction 0",
        "-decision-thresholds", "-validation-fraction"));
    // OverparameterizedKernelGD
    c.add(bad("kgd-kernel", Targets.KGD, "-kernel FOO", "-kernel", "FOO", "RBF"));
    c.add(bad("kgd-stop", Targets.KGD, "-stop FOO", "-stop", "FOO", "VALIDATION"));
    c.add(bad("kgd-depth", Targets.KGD, "-depth abc", "-depth", "abc"));
    c.add(bad("kgd-depth-negative", Targets.KGD, "-depth -1", "-depth", "-1"));
    c.add(bad("kgd-val-percent", Targets.KGD, "-val-percent 100", "-val-percent", "100"));
    c.add(bad("kgd-checkpoints", Targets.KGD, "-checkpoints 1", "-checkpoints", "1"));
    c.add(bad("kgd-fixed-time", Targets.KGD, "-stop FIXED", "-time"));
    c.add(bad("kgd-gamma", Targets.KGD, "-kernel-gamma -1", "-kernel-gamma", "-1"));
    c.add(bad("kgd-features", Targets.KGD, "-features ALL", "-features", "ALL", "EXACT_EIGEN"));
    c.add(bad("kgd-seed", Targets.KGD, "-S x1", "-S", "x1"));
    c.add(reset("kgd", Targets.KGD, OverparameterizedKernelGD::new, "-depth 3 -baseline", "",
        k -> k.getDepth() == new OverparameterizedKernelGD().getDepth() && !k.getBaseline(), "depth and baseline"));
    // OverparameterizedEM
    c.add(bad("em-covariance", Targets.EM, "-covariance FOO", "-covariance", "FOO", "DIAG"));
    c.add(bad("em-mixing", Targets.EM, "-mixing-weights FOO", "-mixing-weights", "FOO", "ESTIMATED"));
    c.add(bad("em-init", Targets.EM, "-init FOO", "-init", "FOO", "K_MEANS_PLUS_PLUS"));
    c.add(bad("em-n-nan", Targets.EM, "-N abc", "-N", "abc"));
    c.add(bad("em-n-zero", Targets.EM, "-N 0", "-N", "0"));
    c.add(bad("em-weights-garbage", Targets.EM, "-weights 0.5,abc", "-weights", "abc"));
    c.add(bad("em-weights-sum", Targets.EM, "-N 2 -weights 0.2,0.2", "-weights", "sum"));
    c.add(bad("em-weights-count", Targets.EM, "-N 3 -weights 0.5,0.5", "-weights", "3"));
    c.add(bad("em-init-user", Targets.EM, "-init USER", "-init-means"));
    c.add(bad("em-init-means-dims", Targets.EM, "-N 2 -init USER -init-means 1,2,3;4,5,6", "-init-means", "3"));
    c.add(bad("em-tolerance", Targets.EM, "-tolerance -1", "-tolerance", "-1"));
    c.add(bad("em-reg-covar", Targets.EM, "-reg-covar 1", "-reg-covar", "1"));
    c.add(bad("em-threads", Targets.EM, "-num-threads 0", "-num-threads", "0"));
    c.add(bad("em-seed", Targets.EM, "-S abc", "-S", "abc"));
    c.add(reset("em", Targets.EM, OverparameterizedEM::new,
        "-N 2 -weights 0.3,0.7 -init USER -init-means 0,0;1,1 -init-variances 1;1", "",
        em -> em.getWeights().isEmpty() && em.getInitMeans().isEmpty() && em.getInitVariances().isEmpty(),
        "weights, init-means and init-variances"));
    // AsymmetricLabelNoise
    c.add(bad("filter-percent", Targets.FILTER, "-percent abc", "-percent", "abc"));
    c.add(bad("filter-percent-range", Targets.FILTER, "-percent 150", "-percent", "150"));
    c.add(bad("filter-map-duplicate", Targets.FILTER, "-class-map no->yes,no->no", "-class-map", "no"));
    c.add(bad("filter-map-unknown", Targets.FILTER, "-class-map maybe->yes", "-class-map", "maybe"));
    c.add(bad("filter-map-garbage", Targets.FILTER, "-class-map no", "-class-map", "no"));
    c.add(bad("filter-seed", Targets.FILTER, "-S abc", "-S", "abc"));
    c.add(reset("filter", Targets.FILTER, AsymmetricLabelNoise::new, "-percent 10 -class-map no->yes", "",
        f -> f.getPercent() == 40 && f.getClassMap().isEmpty(), "percent and class-map"));
    // RemoveLabelIssues
    c.add(bad("label-filter-method", Targets.LABEL_FILTER, "-method FOO", "-method", "FOO", "AUTOMATIC"));
    c.add(bad("label-filter-folds", Targets.LABEL_FILTER, "-folds 1", "-folds", "1"));
    c.add(bad("label-filter-folds-too-many", Targets.LABEL_FILTER, "-folds 50", "-folds 50", "40 instances"));
    c.add(bad("label-filter-k", Targets.LABEL_FILTER, "-k -2", "-k", "-2"));
    c.add(bad("label-filter-k-garbage", Targets.LABEL_FILTER, "-k many", "-k", "many"));
    c.add(bad("label-filter-k-everything", Targets.LABEL_FILTER, "-W weka.classifiers.functions.Logistic -k 40",
        "-k 40", "all 40 instances"));
    c.add(bad("label-filter-combined-needs-sop", Targets.LABEL_FILTER, "-method COMBINED", "-method COMBINED",
        "SopRobustNetwork"));
    c.add(bad("label-filter-classifier", Targets.LABEL_FILTER, "-W weka.classifiers.NoSuchClassifier", "-W",
        "weka.classifiers.NoSuchClassifier"));
    c.add(bad("label-filter-hard-classifier", Targets.LABEL_FILTER, "-W weka.classifiers.rules.OneR",
        "hard 0/1 predictions"));
    c.add(reset("label-filter", Targets.LABEL_FILTER, RemoveLabelIssues::new, "-W weka.classifiers.functions.Logistic "
        + "-method SELF_CONFIDENCE -k 3 -folds 4 -invert -add-score", "",
        f -> f.getClassifier() instanceof weka.classifiers.functions.SopRobustNetwork
        && f.getMethod() == RemoveLabelIssues.Method.AUTOMATIC && f.getNumIssues() == -1 && f.getFolds() == 5
        && !f.getInvert() && !f.getAddScore(), "W, method, k, folds, invert and add-score"));
    // ItopStreamNetwork (MOA): its options parse into the same validated configuration
    c.add(moa("moa-hidden-empty", "", "hiddenLayers"));
    c.add(moa("moa-hidden-garbage", "8,x", "hiddenLayers", "8,x"));
    return c;
  }

  private static Case moa(String id, String layers, String... fragments) {
    return new Case("opt-" + id, "ItopStreamNetwork (MOA)", "-h '" + layers + "'",
        Expect.error(IllegalArgumentException.class, fragments), () -> {
          moa.classifiers.overparam.ItopStreamNetwork n = new moa.classifiers.overparam.ItopStreamNetwork();
          n.hiddenLayersOption.setValue(layers);
          return n.streamConfig().toString();
        });
  }

  /**
   * setOptions(first), then setOptions(second): every option the second call leaves out is back at its default
   * ({@code reverted} checks the ones named by {@code which}).
   */
  private static <T extends OptionHandler> Case reset(String id, Targets t, Supplier<T> create, String first,
      String second, Predicate<T> reverted, String which) {
    return new Case("opt-" + id + "-reset", t.label, "setOptions(" + first + "), then setOptions(" + second + ")",
        Expect.result(), () -> {
          T h = create.get();
          h.setOptions(Utils.splitOptions(first));
          h.setOptions(Utils.splitOptions(second));
          require(reverted.test(h), "options left out kept their old values: " + Utils.joinOptions(h.getOptions()));
          return which + " back at their defaults";
        });
  }

  /** setOptions then build: an IllegalArgumentException naming every fragment. */
  private static Case bad(String id, Targets t, String options, String... fragments) {
    return new Case("opt-" + id, t.label, options, Expect.error(IllegalArgumentException.class, fragments), () -> {
      OptionHandler h = t.configured(options);
      return Targets.build(h, t.data());
    });
  }
}

// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package weka.overparam;

import java.io.File;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.overparam.common.Checks;
import org.overparam.common.Seeds;
import org.overparam.mindiff.GroupMetrics;
import org.overparam.mindiff.MinDiffLabel;
import org.overparam.mindiff.ThresholdSearch;
import weka.classifiers.AbstractClassifier;
import weka.classifiers.Classifier;
import weka.core.Instances;
import weka.core.SerializationHelper;
import weka.core.Utils;
import weka.core.converters.ConverterUtils.DataSource;

/**
 * Group-fairness evaluation of any Weka classifier on a train/test split: accuracy, per-group
 * false-positive and false-negative rates at probability 0.5 with their gaps, and the
 * fairness-constrained error (Veldanda et al. 2023): per-group thresholds chosen on a validation
 * set so that the FNR (or FPR) gap is at most epsilon, then applied to the test set.
 *
 * <pre>
 * weka.Run .GroupFairnessEvaluation -t train.arff -T test.arff -sensitive sex [-sensitive-value Female]
 *     [-positive-class '&gt;50K'] [-rate FNR|FPR] [-epsilon 0.01] [-validation-percent 20 | -V val.arff]
 *     [-c last] [-s 1] -W weka.classifiers.trees.J48 -- -C 0.25
 * </pre>
 *
 * The group S holds the instances whose sensitive attribute has the sensitive value; all others
 * (missing values included) form the reference group R. With {@code -validation-percent P}
 * (default 20) the classifier is trained on the other (100 - P)% of the training file and the
 * thresholds are chosen on the held-out P%, stratified by (group, class); {@code -V} gives a
 * validation file instead (the classifier then sees the whole training file); P = 0 chooses the
 * thresholds on the test set itself, which is optimistic and flagged in the output. {@code -l model}
 * evaluates a saved classifier instead of training one.
 */
public class GroupFairnessEvaluation extends CommandLineTool {

  /** Parsed command line. */
  record Settings(String train, String model, String test, String validation, String classIndex, String sensitive,
      String sensitiveValue, String positiveClass, MinDiffLabel label, double epsilon, double validationPercent,
      long seed, String classifier, String[] classifierOptions) {}

  @Override
  protected boolean requiresArguments() {
    return true;
  }

  @Override
  protected void execute(String[] options, PrintStream out) throws Exception {
    evaluate(parse(options), out);
  }

  @Override
  protected String usage() {
    return USAGE;
  }

  public static void main(String[] args) {
    runFromMain(new GroupFairnessEvaluation(), args);
  }

  /**
   * Parses the command line (the classifier's own options follow {@code --}).
   *
   * @throws IllegalArgumentException naming the flag of a missing or bad argument
   */
  static Settings parse(String[] args) throws Exception {
    String[] options = args.clone();
    String[] classifierOptions = Utils.partitionOptions(options);
    String model = Utils.getOption('l', options);
    String train = Utils.getOption('t', options);
    if (model.isEmpty()) {
      required(train, "-t (training file) or -l (saved model)");
    } else if (!train.isEmpty()) {
      throw new IllegalArgumentException("give either -t (train a classifier) or -l (a saved model), not both");
    }
    String test = required(Utils.getOption('T', options), "-T (test file)");
    String validation = Utils.getOption('V', options);
    String classIndex = option("c", options, "last");
    String sensitive = required(Utils.getOption("sensitive", options), "-sensitive (sensitive attribute)");
    String value = option("sensitive-value", options, "");
    String positive = Utils.getOption("positive-class", options);
    String rate = option("rate", options, "FNR");
    MinDiffLabel label = switch (rate.toUpperCase(Locale.ROOT)) {
      case "FNR" -> MinDiffLabel.POSITIVE;
      case "FPR" -> MinDiffLabel.NEGATIVE;
      default -> throw new IllegalArgumentException("-rate must be one of FNR, FPR; got '" + rate + "'");
    };
    double epsilon = Checks.inClosed("-epsilon", doubleOption("epsilon", options, 0.01), 0, 1);
    double validationPercent = doubleOption("validation-percent", options, 20);
    Checks.require(validationPercent >= 0 && validationPercent < 100,
        "-validation-percent must be in [0, 100), got " + validationPercent);
    long seed = longOption("s", options, 1);
    String classifier = Utils.getOption('W', options);
    if (model.isEmpty()) {
      required(classifier, "-W (classifier)");
    }
    rejectRemaining(options);
    return new Settings(train, model, test, validation, classIndex, sensitive, value, positive, label, epsilon,
        validationPercent, seed, classifier, classifierOptions);
  }

  private static String required(String v, String what) {
    if (v.isEmpty()) {
      throw new IllegalArgumentException("missing option " + what);
    }
    return v;
  }

  static final String USAGE = String.join("\n",
      "Usage: weka.Run .GroupFairnessEvaluation (-t train.arff -W <classifier> [-- <options>] | -l saved.model)",
      "           -T test.arff -sensitive <attribute> [options]",
      "",
      "General options:",
      "  -t <file>                 training file (the classifier is trained on it)",
      "  -l <file>                 a saved classifier instead of -t and -W",
      "  -T <file>                 test file",
      "  -W <classifier>           the classifier; its own options follow --",
      "  -sensitive <attribute>    the nominal sensitive attribute: a name or a 1-based index",
      "  -sensitive-value <value>  the value that defines the group S: a label or a 1-based index, a label winning "
      + "(default: the attribute's first value)",
      "  -positive-class <value>   the positive class (default: the second value of a binary class)",
      "  -rate FNR|FPR             the rate whose gap is constrained (default FNR)",
      "  -epsilon <gap>            the allowed gap, in [0, 1] (default 0.01)",
      "  -validation-percent <P>   hold out P% of the training file, in [0, 100), to choose the thresholds (default 20)",
      "  -V <file>                 a validation file instead of the hold-out",
      "  -c <index>                class attribute: first, last or a 1-based index (default last)",
      "  -s <seed>                 seed of the hold-out split (default 1)",
      "With -l the thresholds are chosen on -V, else on the test set itself (flagged as optimistic).");

  /**
   * Reads a data file and sets its class.
   *
   * @throws IllegalArgumentException if the file does not exist or {@code classIndex} is not first,
   *     last or a 1-based attribute index
   */
  static Instances load(String file, String classIndex) throws Exception {
    if (!file.contains("://")) {
      requireReadable(file);
    }
    Instances data;
    try {
      data = read(file);
    } catch (Exception e) {
      throw new IllegalArgumentException("cannot read '" + file + "': " + e.getMessage(), e);
    }
    if (data == null) {
      throw new IllegalArgumentException("cannot read '" + file + "': not a data file Weka can read (ARFF, CSV, ...)");
    }
    int index = switch (classIndex) {
      case "first" -> 0;
      case "last" -> data.numAttributes() - 1;
      default -> OptionContract.parseInt("-c", classIndex) - 1;
    };
    Checks.require(index >= 0 && index < data.numAttributes(), "-c must be first, last or an attribute index in "
        + "[1, " + data.numAttributes() + "] of " + file + ", got " + classIndex);
    data.setClassIndex(index);
    return data;
  }

  /**
   * A local file through its loader, which throws on bad content (DataSource prints the loader's stack trace and
   * returns null); a URL through DataSource.
   */
  private static Instances read(String file) throws Exception {
    if (file.contains("://")) {
      return DataSource.read(file);
    }
    weka.core.converters.AbstractFileLoader loader = weka.core.converters.ConverterUtils.getLoaderForFile(file);
    if (loader == null) {
      return null;
    }
    loader.setSource(new File(file));
    return loader.getDataSet();
  }

  /** Runs the evaluation and prints the report. */
  static void evaluate(Settings s, PrintStream out) throws Exception {
    Instances test = load(s.test(), s.classIndex());
    Instances train = s.model().isEmpty() ? load(s.train(), s.classIndex()) : test;
    String mismatch = train.equalHeadersMsg(test);
    if (mismatch != null) {
      throw new IllegalArgumentException("training and test files differ: " + mismatch);
    }
    SensitiveAttribute group = SensitiveAttribute.resolve(train, "-sensitive", s.sensitive(), s.sensitiveValue());
    int pos = SensitiveAttribute.positiveClass(train, s.positiveClass());
    Instances fit = new Instances(train);
    fit.deleteWithMissingClass();
    Instances validation = null;
    String thresholdsFrom;
    if (!s.model().isEmpty() && s.validation().isEmpty()) {
      thresholdsFrom = "the TEST set itself (optimistic: a saved model and no -V)";
    } else if (!s.validation().isEmpty()) {
      validation = load(s.validation(), s.classIndex());
      String differs = train.equalHeadersMsg(validation);
      if (differs != null) {
        throw new IllegalArgumentException("the training and validation (-V) files differ: " + differs);
      }
      thresholdsFrom = "validation file " + s.validation();
    } else if (s.validationPercent() > 0) {
      Instances[] split = holdOut(fit, group, s.validationPercent() / 100, s.seed());
      fit = split[0];
      validation = split[1];
      Checks.require(fit.numInstances() > 0, "-validation-percent " + s.validationPercent() + " holds out every "
          + "training instance: nothing is left to train on; use a smaller percentage or -V");
      thresholdsFrom = String.format("a %.0f%% hold-out of the training file, stratified by (group, class)",
          s.validationPercent());
    } else {
      thresholdsFrom = "the TEST set itself (optimistic: -validation-percent 0)";
    }
    Classifier c;
    if (s.model().isEmpty()) {
      try {
        c = AbstractClassifier.forName(s.classifier(), s.classifierOptions().clone());
      } catch (IllegalArgumentException e) {
        throw e; // a bad option of the classifier, already naming its flag
      } catch (Exception e) {
        throw new IllegalArgumentException("-W " + s.classifier() + ": " + e.getMessage(), e);
      }
      c.buildClassifier(fit);
    } else {
      c = readModel(s.model());
    }
    GroupScores onTest = GroupScores.of(c, test, group, pos);
    GroupScores onValidation = validation == null ? onTest : GroupScores.of(c, validation, group, pos);
    ThresholdSearch search = ThresholdSearch.withTolerance(s.epsilon());
    ThresholdSearch.Choice choice = onValidation.constrained(search, s.label());

    String positiveName = train.classAttribute().value(pos);
    out.println("=== Group fairness evaluation ===");
    out.println("Classifier:       " + (s.model().isEmpty() ? s.classifier() + " "
        + Utils.joinOptions(s.classifierOptions()) : "saved model " + s.model() + " (" + c.getClass().getName() + ")"));
    out.println("Groups:           S = {" + group.describe() + "}, R = all other instances");
    out.println("Positive class:   " + train.classAttribute().name() + " = " + positiveName
        + "; equalised rate: " + s.label().rateName());
    if (s.model().isEmpty()) {
      out.println("Trained on:       " + fit.numInstances() + " instances of " + s.train());
    }
    out.println("Tested on:        " + onTest.score().length + " instances of " + s.test());
    out.println();
    out.println("Accuracy (arg-max):  " + GroupFairnessReport.num(onTest.accuracy()));
    out.println();
    out.println("Test rates at probability 0.5 (" + positiveName + " vs rest):");
    out.print(GroupFairnessReport.ratesTable(onTest.atHalf(), group.value()));
    out.println();
    out.println("Fairness-constrained error (" + s.label().rateName() + " gap <= " + s.epsilon()
        + "), thresholds chosen on " + thresholdsFrom + ":");
    out.println("  selection: " + GroupFairnessReport.choice(choice, s.label(), s.epsilon()));
    if (choice.feasible()) {
      GroupMetrics atTest = onTest.at(choice);
      out.println("  test:      error " + GroupFairnessReport.num(atTest.overall().error()) + ", "
          + s.label().rateName() + " gap " + GroupFairnessReport.num(atTest.gap(s.label()))
          + ", other gap " + GroupFairnessReport.num(s.label() == MinDiffLabel.POSITIVE
              ? atTest.fprGap() : atTest.fnrGap()));
    }
  }

  private static Classifier readModel(String file) {
    Object model;
    try {
      model = SerializationHelper.read(file);
    } catch (Exception e) {
      throw new IllegalArgumentException("-l: cannot read a saved model from '" + file + "': " + e.getMessage(), e);
    }
    if (!(model instanceof Classifier c)) {
      throw new IllegalArgumentException("-l: '" + file + "' holds a " + model.getClass().getName()
          + ", not a classifier");
    }
    return c;
  }

  /**
   * Splits off a fraction of each (group, class) cell, in a seeded random order.
   *
   * @return {rest, held out}
   */
  static Instances[] holdOut(Instances data, SensitiveAttribute group, double fraction, long seed) {
    Map<String, List<Integer>> cells = new HashMap<>();
    List<String> order = new ArrayList<>();
    for (int i = 0; i < data.numInstances(); i++) {
      String key = group.isSensitive(data.instance(i)) + "/" + (int) data.instance(i).classValue();
      cells.computeIfAbsent(key, k -> {
        order.add(k);
        return new ArrayList<>();
      }).add(i);
    }
    boolean[] held = new boolean[data.numInstances()];
    SplittableRandom rng = Seeds.stream(seed, "validation-split");
    for (String key : order) {
      List<Integer> rows = cells.get(key);
      for (int i = rows.size() - 1; i > 0; i--) {
        int j = rng.nextInt(i + 1);
        rows.set(i, rows.set(j, rows.get(i)));
      }
      int k = (int) Math.round(fraction * rows.size());
      for (int i = 0; i < k; i++) {
        held[rows.get(i)] = true;
      }
    }
    Instances rest = new Instances(data, 0);
    Instances out = new Instances(data, 0);
    for (int i = 0; i < held.length; i++) {
      (held[i] ? out : rest).add(data.instance(i));
    }
    return new Instances[] {rest, out};
  }
}

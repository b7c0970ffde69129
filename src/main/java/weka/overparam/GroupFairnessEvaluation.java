package weka.overparam;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.overparam.common.Seeds;
import org.overparam.mindiff.GroupMetrics;
import org.overparam.mindiff.MinDiffLabel;
import org.overparam.mindiff.ThresholdSearch;
import weka.classifiers.AbstractClassifier;
import weka.classifiers.Classifier;
import weka.core.CommandlineRunnable;
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
public class GroupFairnessEvaluation implements CommandlineRunnable {

  /** Parsed command line. */
  record Settings(String train, String model, String test, String validation, String classIndex, String sensitive,
      String sensitiveValue, String positiveClass, MinDiffLabel label, double epsilon, double validationPercent,
      long seed, String classifier, String[] classifierOptions) {}

  @Override
  public void preExecution() {}

  @Override
  public void postExecution() {}

  @Override
  public void run(Object toRun, String[] args) throws Exception {
    evaluate(parse(args), System.out);
  }

  public static void main(String[] args) throws Exception {
    new GroupFairnessEvaluation().run(null, args);
  }

  static Settings parse(String[] args) throws Exception {
    String[] options = args.clone();
    if (Utils.getFlag('h', options) || Utils.getFlag("help", options) || options.length == 0) {
      throw new IllegalArgumentException(usage());
    }
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
    String classIndex = Utils.getOption('c', options);
    String sensitive = required(Utils.getOption("sensitive", options), "-sensitive (sensitive attribute)");
    String value = Utils.getOption("sensitive-value", options);
    String positive = Utils.getOption("positive-class", options);
    String rate = Utils.getOption("rate", options);
    MinDiffLabel label = switch (rate.isEmpty() ? "FNR" : rate.toUpperCase()) {
      case "FNR" -> MinDiffLabel.POSITIVE;
      case "FPR" -> MinDiffLabel.NEGATIVE;
      default -> throw new IllegalArgumentException("-rate must be FNR or FPR, got " + rate);
    };
    String eps = Utils.getOption("epsilon", options);
    String pct = Utils.getOption("validation-percent", options);
    String seed = Utils.getOption('s', options);
    String classifier = Utils.getOption('W', options);
    if (model.isEmpty()) {
      required(classifier, "-W (classifier)");
    }
    Utils.checkForRemainingOptions(options);
    double validationPercent = pct.isEmpty() ? 20 : Double.parseDouble(pct);
    if (!(validationPercent >= 0 && validationPercent < 100)) {
      throw new IllegalArgumentException("-validation-percent must be in [0, 100), got " + pct);
    }
    return new Settings(train, model, test, validation, classIndex.isEmpty() ? "last" : classIndex, sensitive,
        value.isEmpty() ? "1" : value, positive, label, eps.isEmpty() ? 0.01 : Double.parseDouble(eps),
        validationPercent, seed.isEmpty() ? 1 : Long.parseLong(seed), classifier, classifierOptions);
  }

  private static String required(String v, String what) {
    if (v.isEmpty()) {
      throw new IllegalArgumentException("missing option " + what + "\n" + usage());
    }
    return v;
  }

  static String usage() {
    return "Usage: GroupFairnessEvaluation (-t train.arff -W <classifier> [-- <options>] | -l saved.model) -T test.arff\n"
        + "  -sensitive <attribute name or 1-based index>\n"
        + "  [-sensitive-value <value or 1-based index; default 1>] [-positive-class <value or index;"
        + " default: second value of a binary class>]\n"
        + "  [-rate FNR|FPR (equalised rate; default FNR)] [-epsilon <allowed gap; default 0.01>]\n"
        + "  [-validation-percent <P in [0,100); default 20> | -V validation.arff] [-c <class index; default last>]"
        + " [-s <split seed; default 1>]\n"
        + "  With -l the thresholds are chosen on -V, else on the test set itself (flagged as optimistic).";
  }

  static Instances load(String file, String classIndex) throws Exception {
    Instances data = DataSource.read(file);
    data.setClassIndex(switch (classIndex) {
      case "first" -> 0;
      case "last" -> data.numAttributes() - 1;
      default -> Integer.parseInt(classIndex) - 1;
    });
    return data;
  }

  /** Runs the evaluation and prints the report. */
  static void evaluate(Settings s, PrintStream out) throws Exception {
    Instances test = load(s.test(), s.classIndex());
    Instances train = s.model().isEmpty() ? load(s.train(), s.classIndex()) : test;
    String mismatch = train.equalHeadersMsg(test);
    if (mismatch != null) {
      throw new IllegalArgumentException("training and test files differ: " + mismatch);
    }
    SensitiveAttribute group = SensitiveAttribute.resolve(train, s.sensitive(), s.sensitiveValue());
    int pos = SensitiveAttribute.positiveClass(train, s.positiveClass());
    Instances fit = new Instances(train);
    fit.deleteWithMissingClass();
    Instances validation = null;
    String thresholdsFrom;
    if (!s.model().isEmpty() && s.validation().isEmpty()) {
      thresholdsFrom = "the TEST set itself (optimistic: a saved model and no -V)";
    } else if (!s.validation().isEmpty()) {
      validation = load(s.validation(), s.classIndex());
      thresholdsFrom = "validation file " + s.validation();
    } else if (s.validationPercent() > 0) {
      Instances[] split = holdOut(fit, group, s.validationPercent() / 100, s.seed());
      fit = split[0];
      validation = split[1];
      thresholdsFrom = String.format("a %.0f%% hold-out of the training file, stratified by (group, class)",
          s.validationPercent());
    } else {
      thresholdsFrom = "the TEST set itself (optimistic: -validation-percent 0)";
    }
    Classifier c;
    if (s.model().isEmpty()) {
      c = AbstractClassifier.forName(s.classifier(), s.classifierOptions().clone());
      c.buildClassifier(fit);
    } else {
      c = (Classifier) SerializationHelper.read(s.model());
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

// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package weka.overparam;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.overparam.labels.ConfidentJoint;
import org.overparam.labels.DetectionMetrics;
import org.overparam.labels.IssueFilter;
import org.overparam.labels.IssueRanking;
import org.overparam.labels.QualityScore;
import org.overparam.labels.RankingMethod;
import org.overparam.labels.ScoreCombination;
import weka.classifiers.AbstractClassifier;
import weka.classifiers.Classifier;
import weka.classifiers.functions.SopRobustNetwork;
import weka.core.Attribute;
import weka.core.Instances;
import weka.core.Utils;

/**
 * "Which labels should I check?" for any data set with a nominal class: ranks the instances from
 * most to least likely mislabelled, by confident learning, out-of-sample self-confidence, SOP's
 * noise report, or SOP combined with out-of-sample self-confidence (see {@link LabelIssueFinder}),
 * and lists the top k with the label suggested instead. With known wrong labels ({@code -truth}
 * or {@code -truth-attribute}) it also prints precision and recall at k and the ROC AUC.
 *
 * <pre>
 * weka.Run .LabelIssues -t data.arff [-c last] [-W weka.classifiers.functions.SopRobustNetwork [-- options]]
 *     [-method COMBINED] [-folds 5] [-k N] [-S 1] [-truth wrong.txt | -truth-attribute name]
 * </pre>
 */
public class LabelIssues extends CommandLineTool {
  /** The default classifier: the method that can use SOP's noise scores. */
  static final String DEFAULT_CLASSIFIER = SopRobustNetwork.class.getName();
  static final int DEFAULT_FOLDS = 5;
  static final ScoreCombination DEFAULT_COMBINATION = ScoreCombination.MIN_RANK;
  /** The k of the precision / recall table (plus the number known wrong and 5 times that). */
  static final int[] REPORTED_K = {10, 20, 50, 100};

  /** Parsed command line; {@code method} null means the default for the classifier. */
  record Settings(String data, String classIndex, String classifier, String[] classifierOptions, RankingMethod method,
      int folds, int k, long seed, IssueFilter filter, QualityScore rankBy, ScoreCombination combination,
      String truthFile, String truthAttribute) {}

  @Override
  protected boolean requiresArguments() {
    return true;
  }

  @Override
  protected String usage() {
    return USAGE;
  }

  @Override
  protected void execute(String[] options, PrintStream out) throws Exception {
    run(parse(options), out);
  }

  public static void main(String[] args) {
    runFromMain(new LabelIssues(), args);
  }

  static final String USAGE = String.join("\n",
      "Usage: weka.Run .LabelIssues -t data.arff [options] [-W <classifier> [-- <classifier options>]]",
      "Ranks the instances from most to least likely mislabelled and lists the top k.",
      "",
      "General options:",
      "  -t <file>                data (ARFF, CSV, ... as Weka reads them); every instance needs a class value",
      "  -c <index>               class attribute: first, last or a 1-based index (default last); must be nominal",
      "  -W <classifier>          any Weka classifier with class probabilities; its own options follow --",
      "                           (default " + DEFAULT_CLASSIFIER + ")",
      "  -method <m>              CONFIDENT_LEARNING, SELF_CONFIDENCE, SOP or COMBINED (default: COMBINED for",
      "                           SopRobustNetwork, CONFIDENT_LEARNING for any other classifier; SOP and",
      "                           COMBINED need SopRobustNetwork)",
      "  -folds <K>               folds of the cross-validation that gives out-of-sample probabilities (default 5)",
      "  -k <N>                   how many instances to list (default: the method's estimate of the number wrong)",
      "  -S <seed>                seed of the fold assignment (default 1)",
      "  -filter <f>              confident learning's filter: PRUNE_BY_NOISE_RATE (default), PRUNE_BY_CLASS,",
      "                           BOTH, CONFIDENT_JOINT",
      "  -rank-by <s>             confident learning's order: SELF_CONFIDENCE (default) or NORMALIZED_MARGIN",
      "  -combination <c>         COMBINED's merge: MIN_RANK (default), RANK_AVERAGE or PRODUCT",
      "  -truth <file>            known wrong instances (1-based indices, separated by spaces, commas or lines;",
      "                           # starts a comment): adds precision and recall at k and the ROC AUC",
      "  -truth-attribute <a>     the same from an attribute (name or 1-based index; wrong where it is 1, true,",
      "                           yes or wrong, or 1 in a 0/1 numeric one); it is removed before training",
      "Cost: K trainings of the classifier, plus one more for SOP and COMBINED.");

  /**
   * Parses the command line.
   *
   * @throws IllegalArgumentException naming the flag of a missing or bad argument
   */
  static Settings parse(String[] args) throws Exception {
    String[] options = args.clone();
    String[] classifierOptions = Utils.partitionOptions(options);
    String data = Utils.getOption('t', options);
    if (data.isEmpty()) {
      throw new IllegalArgumentException("missing option -t (data file)");
    }
    String classIndex = option("c", options, "last");
    String classifier = option("W", options, DEFAULT_CLASSIFIER);
    RankingMethod method = enumOption("method", options, RankingMethod.class, null);
    int folds = intOption("folds", options, DEFAULT_FOLDS);
    if (folds < 2) {
      throw new IllegalArgumentException("-folds must be at least 2, got " + folds);
    }
    int k = intOption("k", options, -1);
    if (k < -1) {
      throw new IllegalArgumentException("-k must be >= 0, got " + k);
    }
    long seed = longOption("S", options, 1);
    IssueFilter filter = enumOption("filter", options, IssueFilter.class, IssueFilter.PRUNE_BY_NOISE_RATE);
    QualityScore rankBy = enumOption("rank-by", options, QualityScore.class, QualityScore.SELF_CONFIDENCE);
    ScoreCombination combination = enumOption("combination", options, ScoreCombination.class, null); // null: not given
    String truthFile = Utils.getOption("truth", options);
    String truthAttribute = Utils.getOption("truth-attribute", options);
    if (!truthFile.isEmpty() && !truthAttribute.isEmpty()) {
      throw new IllegalArgumentException("give either -truth (a file) or -truth-attribute, not both");
    }
    rejectRemaining(options);
    return new Settings(data, classIndex, classifier, classifierOptions, method, folds, k, seed, filter, rankBy,
        combination, truthFile, truthAttribute);
  }

  /** Runs the ranking and prints the report. */
  static void run(Settings s, PrintStream out) throws Exception {
    Instances data = GroupFairnessEvaluation.load(s.data(), s.classIndex());
    boolean[] wrong = null;
    if (!s.truthAttribute().isEmpty()) {
      wrong = truthFromAttribute(data, s.truthAttribute());
    }
    Classifier classifier;
    try {
      classifier = AbstractClassifier.forName(s.classifier(), s.classifierOptions().clone());
    } catch (IllegalArgumentException e) {
      throw e; // a bad option of the classifier, already naming its flag
    } catch (Exception e) {
      throw new IllegalArgumentException("-W " + s.classifier() + ": " + e.getMessage(), e);
    }
    RankingMethod method = s.method() != null ? s.method() : LabelIssueFinder.defaultMethod(classifier);
    if (s.combination() != null && method != RankingMethod.COMBINED) {
      throw new IllegalArgumentException("-combination " + s.combination() + " merges the scores of -method COMBINED "
          + "only; the method here is " + method + " (left out, it follows from the classifier)");
    }
    ScoreCombination combination = s.combination() != null ? s.combination() : DEFAULT_COMBINATION;
    int[] labels = LabelIssueFinder.labels(data); // refuse bad data before any training
    if (!s.truthFile().isEmpty()) {
      wrong = truthFromFile(Path.of(s.truthFile()), data.numInstances());
    }
    LabelIssueFinder finder = new LabelIssueFinder(classifier, s.folds(), s.seed(), method, s.filter(), s.rankBy(),
        combination);
    LabelIssueFinder.Result result = finder.find(data);
    IssueRanking ranking = result.ranking();
    Attribute cls = data.classAttribute();

    out.println("=== Label issues ===");
    out.println("Data:        " + s.data() + " (" + data.numInstances() + " instances, " + data.numClasses()
        + " classes, class '" + cls.name() + "')");
    out.println(("Classifier:  " + s.classifier() + " " + Utils.joinOptions(s.classifierOptions())).trim());
    out.println("Method:      " + describe(method, s));
    if (result.probabilities() != null) {
      ConfidentJoint joint = ConfidentJoint.compute(labels, result.probabilities(), data.numClasses());
      StringBuilder per = new StringBuilder();
      int[] perClass = joint.numIssuesPerClass();
      for (int c = 0; c < perClass.length; c++) {
        per.append(c == 0 ? "" : ", ").append(cls.value(c)).append(' ').append(perClass[c]);
      }
      out.println("Confident learning estimates " + joint.numIssues() + " wrong labels (" + String.format(Locale.ROOT,
          "%.1f%%", 100.0 * joint.numIssues() / labels.length) + "); per given class: " + per);
    }
    if (result.sopReport() != null) {
      out.println("SOP flags " + result.sopReport().numFlagged() + " instances (argmax(y - s) != given label)");
    }
    int k = ranking.topCount(s.k());
    out.println();
    out.println("Top " + k + " suspected label errors (instance = 1-based position in the data; score: higher is "
        + "more suspicious" + (result.probabilities() != null ? "; p(given): out-of-sample probability of the given "
        + "label" : "") + "):");
    out.println(String.format(Locale.ROOT, "%6s  %8s  %-16s  %-16s  %9s  %9s", "rank", "instance", "given",
        "suggested", "p(given)", "score"));
    int[] order = ranking.order();
    double[] suspicion = ranking.suspicion();
    int[] suggested = ranking.suggested();
    for (int r = 0; r < k; r++) {
      int i = order[r];
      String p = result.probabilities() == null ? "-" : String.format(Locale.ROOT, "%.4f",
          result.probabilities()[i][labels[i]]);
      out.println(String.format(Locale.ROOT, "%6d  %8d  %-16s  %-16s  %9s  %9.4f", r + 1, i + 1, cls.value(labels[i]),
          suggested[i] >= 0 ? cls.value(suggested[i]) : "?", p, suspicion[i]));
    }
    if (wrong != null) {
      out.println();
      out.print(evaluation(ranking, wrong, k));
    }
  }

  private static String describe(RankingMethod method, Settings s) {
    String folds = s.folds() + "-fold out-of-sample probabilities (seed " + s.seed() + ")";
    return switch (method) {
      case CONFIDENT_LEARNING -> "CONFIDENT_LEARNING (" + s.filter() + ", ranked by " + s.rankBy() + "), " + folds;
      case SELF_CONFIDENCE -> "SELF_CONFIDENCE, " + folds;
      case SOP -> "SOP (noise scores of one network trained on all the data)";
      case COMBINED -> "COMBINED (" + (s.combination() != null ? s.combination() : DEFAULT_COMBINATION)
          + " of SOP's noise score and the self-confidence), " + folds
          + ", plus one SOP network on all the data";
    };
  }

  /** The precision / recall table at the usual k, the number known wrong, 5 times that and the listed k. */
  static String evaluation(IssueRanking ranking, boolean[] wrong, int listed) {
    int known = 0;
    for (boolean w : wrong) {
      known += w ? 1 : 0;
    }
    StringBuilder sb = new StringBuilder();
    sb.append("Against ").append(known).append(" known wrong labels:\n");
    sb.append(String.format(Locale.ROOT, "%-22s  %6s  %9s  %7s%n", "k", "found", "precision", "recall"));
    java.util.TreeMap<Integer, String> rows = new java.util.TreeMap<>();
    for (int k : REPORTED_K) {
      rows.put(k, "");
    }
    rows.put(known, " (= known)");
    rows.put(5 * known, " (5 x known)");
    if (listed > 0) {
      rows.merge(listed, " (listed)", (a, b) -> a + b);
    }
    int[] order = ranking.order();
    for (var e : rows.entrySet()) {
      int k = e.getKey();
      if (k == 0 || k > wrong.length) {
        continue;
      }
      sb.append(String.format(Locale.ROOT, "%-22s  %6d  %9.3f  %7.3f%n", k + e.getValue(),
          DetectionMetrics.hitsAt(order, wrong, k), DetectionMetrics.precisionAt(order, wrong, k),
          DetectionMetrics.recallAt(order, wrong, k)));
    }
    sb.append(String.format(Locale.ROOT, "ROC AUC of the score: %.4f%n", DetectionMetrics.rocAuc(ranking.suspicion(),
        wrong)));
    return sb.toString();
  }

  /**
   * Known wrong instances from a file of 1-based indices.
   *
   * @throws IllegalArgumentException for an unreadable file or an entry that is not an index in [1, n]
   */
  static boolean[] truthFromFile(Path file, int n) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalArgumentException("-truth: cannot read '" + file + "': " + e.getMessage(), e);
    }
    boolean[] wrong = new boolean[n];
    for (int l = 0; l < lines.size(); l++) {
      String line = lines.get(l);
      int hash = line.indexOf('#');
      for (String token : (hash >= 0 ? line.substring(0, hash) : line).trim().split("[\\s,]+")) {
        if (token.isEmpty()) {
          continue;
        }
        int index;
        try {
          index = Integer.parseInt(token);
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("-truth: '" + token + "' on line " + (l + 1) + " of " + file
              + " is not an instance index");
        }
        if (index < 1 || index > n) {
          throw new IllegalArgumentException("-truth: instance " + index + " on line " + (l + 1) + " of " + file
              + " is outside [1, " + n + "]");
        }
        wrong[index - 1] = true;
      }
    }
    return atLeastOne(wrong, "'" + file + "' lists no instance");
  }

  /** With no known wrong label, precision, recall and the AUC are undefined: refused rather than printed as NaN. */
  private static boolean[] atLeastOne(boolean[] wrong, String why) {
    for (boolean w : wrong) {
      if (w) {
        return wrong;
      }
    }
    throw new IllegalArgumentException("-truth: " + why + ", so there is no known wrong label to measure against");
  }

  /**
   * Known wrong instances from an attribute, which is then deleted from {@code data}.
   *
   * @throws IllegalArgumentException for an unknown attribute, the class, a string attribute or a missing value
   */
  static boolean[] truthFromAttribute(Instances data, String name) {
    Attribute a = data.attribute(name);
    if (a == null && name.matches("\\d+")) {
      int index = Integer.parseInt(name) - 1;
      a = index >= 0 && index < data.numAttributes() ? data.attribute(index) : null;
    }
    if (a == null) {
      throw new IllegalArgumentException("-truth-attribute: no attribute '" + name + "' in the data");
    }
    if (a.index() == data.classIndex()) {
      throw new IllegalArgumentException("-truth-attribute: '" + a.name() + "' is the class attribute");
    }
    if (!a.isNominal() && !a.isNumeric()) {
      throw new IllegalArgumentException("-truth-attribute: '" + a.name() + "' must be nominal or numeric");
    }
    boolean[] wrong = new boolean[data.numInstances()];
    for (int i = 0; i < wrong.length; i++) {
      if (data.instance(i).isMissing(a)) {
        throw new IllegalArgumentException("-truth-attribute: instance " + (i + 1) + " has no value of '" + a.name()
            + "'");
      }
      double v = data.instance(i).value(a);
      if (a.isNumeric() && v != 0 && v != 1) {
        throw new IllegalArgumentException("-truth-attribute: '" + a.name() + "' is " + v + " in instance " + (i + 1)
            + "; a numeric truth attribute must be a 0/1 indicator (1 = wrong label)");
      }
      wrong[i] = a.isNumeric() ? v != 0
          : List.of("1", "true", "yes", "wrong").contains(a.value((int) v).toLowerCase(Locale.ROOT));
    }
    atLeastOne(wrong, "'" + a.name() + "' marks no instance as wrong");
    data.deleteAttributeAt(a.index());
    return wrong;
  }
}

// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package weka.overparam.badinput;

import static weka.overparam.badinput.Expect.require;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import weka.core.CommandlineRunnable;
import weka.core.Utils;
import weka.overparam.GroupFairnessEvaluation;
import weka.overparam.KernelGdRateStudy;
import weka.overparam.LabelIssues;
import weka.overparam.OverparamBackendInfo;
import weka.overparam.OverparameterizedEMStudy;
import weka.overparam.TestData;
import weka.overparam.TrainingHistoryExport;

/**
 * The command-line tools as weka.Run calls them (CommandlineRunnable.run): usage for -h (and for
 * no arguments where arguments are required) without an exception, and bad arguments as an
 * IllegalArgumentException naming the flag and the value.
 */
final class ToolCases {
  private ToolCases() {}

  private static final String DIR = TestData.path("arff") + "/";
  private static final String FAIRNESS = "-t " + DIR + "adult-small-train.arff -T " + DIR + "adult-small-test.arff "
      + "-sensitive sex -W weka.classifiers.rules.ZeroR";

  static List<Case> cases() {
    List<Case> c = new ArrayList<>();
    Supplier<CommandlineRunnable> fairness = GroupFairnessEvaluation::new;
    Supplier<CommandlineRunnable> emStudy = OverparameterizedEMStudy::new;
    Supplier<CommandlineRunnable> rateStudy = KernelGdRateStudy::new;
    c.add(usage("fairness-help", "GroupFairnessEvaluation", fairness, "-h"));
    c.add(usage("fairness-no-arguments", "GroupFairnessEvaluation", fairness, ""));
    c.add(bad("fairness-rate", "GroupFairnessEvaluation", fairness, FAIRNESS + " -rate FOO", "-rate", "FOO", "FNR"));
    c.add(bad("fairness-epsilon", "GroupFairnessEvaluation", fairness, FAIRNESS + " -epsilon abc", "-epsilon", "abc"));
    c.add(bad("fairness-epsilon-range", "GroupFairnessEvaluation", fairness, FAIRNESS + " -epsilon 2", "-epsilon",
        "2"));
    c.add(bad("fairness-validation-percent", "GroupFairnessEvaluation", fairness, FAIRNESS
        + " -validation-percent 100", "-validation-percent", "100"));
    c.add(bad("fairness-seed", "GroupFairnessEvaluation", fairness, FAIRNESS + " -s abc", "-s", "abc"));
    c.add(bad("fairness-class-index", "GroupFairnessEvaluation", fairness, FAIRNESS + " -c abc", "-c", "abc"));
    c.add(bad("fairness-sensitive", "GroupFairnessEvaluation", fairness,
        FAIRNESS.replace("-sensitive sex", "-sensitive nosuch"), "sensitive", "nosuch"));
    c.add(bad("fairness-sensitive-value", "GroupFairnessEvaluation", fairness, FAIRNESS + " -sensitive-value Other",
        "sensitive-value", "Other"));
    c.add(bad("fairness-unknown-option", "GroupFairnessEvaluation", fairness, FAIRNESS + " -foo 1", "-foo"));
    c.add(bad("fairness-validation-header", "GroupFairnessEvaluation", fairness, FAIRNESS + " -V " + DIR + "iris.arff",
        "validation (-V) files differ"));
    c.add(bad("fairness-nothing-to-train", "GroupFairnessEvaluation", fairness, FAIRNESS + " -validation-percent 99.9",
        "nothing is left to train on"));
    c.add(bad("fairness-missing-test", "GroupFairnessEvaluation", fairness, "-t " + DIR + "adult-small-train.arff "
        + "-sensitive sex -W weka.classifiers.rules.ZeroR", "-T"));
    c.add(new Case("tool-fairness-missing-file", "GroupFairnessEvaluation", "-t /no/such/train.arff",
        Expect.error(Exception.class, "/no/such/train.arff"),
        () -> run(fairness.get(), FAIRNESS.replace(DIR + "adult-small-train.arff", "/no/such/train.arff"))));
    c.add(bad("fairness-no-such-classifier", "GroupFairnessEvaluation", fairness,
        FAIRNESS.replace("weka.classifiers.rules.ZeroR", "weka.classifiers.NoSuchClassifier"), "-W",
        "NoSuchClassifier"));
    c.add(bad("fairness-classifier-option", "GroupFairnessEvaluation", fairness, FAIRNESS.replace(
        "weka.classifiers.rules.ZeroR", "weka.classifiers.functions.ItopSparseNetwork -- -epochs abc"), "-epochs", "abc"));
    c.add(bad("fairness-not-arff", "GroupFairnessEvaluation", fairness, FAIRNESS.replace(DIR + "adult-small-train.arff",
        DIR + "../scripts/make-adult-small.sh"), "cannot read", "make-adult-small.sh"));
    c.add(bad("fairness-not-a-model", "GroupFairnessEvaluation", fairness, "-l " + DIR + "iris.arff -T " + DIR
        + "adult-small-test.arff -sensitive sex", "-l", "iris.arff"));
    c.add(bad("fairness-headers", "GroupFairnessEvaluation", fairness, FAIRNESS.replace(DIR + "adult-small-test.arff",
        DIR + "iris.arff"), "differ"));
    c.add(usage("em-study-help", "OverparameterizedEMStudy", emStudy, "-h"));
    c.add(bad("em-study-case", "OverparameterizedEMStudy", emStudy, "-case FOO", "-case", "FOO", "PRESET"));
    c.add(bad("em-study-n", "OverparameterizedEMStudy", emStudy, "-case GENERAL -n abc", "-n", "abc"));
    c.add(bad("em-study-threads", "OverparameterizedEMStudy", emStudy, "-case GENERAL -num-threads 0",
        "-num-threads", "0"));
    c.add(bad("em-study-weights", "OverparameterizedEMStudy", emStudy, "-case GENERAL -weights 0.5,x", "-weights",
        "x"));
    c.add(usage("rate-study-help", "KernelGdRateStudy", rateStudy, "-h"));
    c.add(bad("rate-study-n-min", "KernelGdRateStudy", rateStudy, "-n-min abc", "-n-min", "abc"));
    c.add(bad("rate-study-gamma", "KernelGdRateStudy", rateStudy, "-gamma abc", "-gamma", "abc"));
    c.add(bad("rate-study-order", "KernelGdRateStudy", rateStudy, "-n-min 500 -n-max 100", "-n-max", "100"));
    // each of these ended in an OutOfMemoryError, or (-output) failed only after the whole study had run
    c.add(bad("rate-study-sizes", "KernelGdRateStudy", rateStudy, "-n-min 2000 -n-max 2000000000 -n-step 1",
        "sample sizes", "-n-step"));
    c.add(bad("rate-study-truncation", "KernelGdRateStudy", rateStudy, "-truncation 2000000000", "-truncation",
        "-Xmx"));
    c.add(bad("rate-study-output", "KernelGdRateStudy", rateStudy, "-output " + DIR, "-output",
        "it is a directory"));
    c.add(bad("em-study-ragged-means", "OverparameterizedEMStudy", emStudy, "-case GENERAL -means 1,2;3 "
        + "-weights 0.5,0.5", "-means", "2 values"));
    c.add(bad("em-study-dim", "OverparameterizedEMStudy", emStudy, "-case SYMMETRIC -dim 0", "-dim", "0"));
    c.add(bad("em-study-theta", "OverparameterizedEMStudy", emStudy, "-case SYMMETRIC -theta NaN", "-theta", "NaN"));
    c.add(bad("em-study-huge-sample", "OverparameterizedEMStudy", emStudy, "-case SYMMETRIC -n 2000000000 -dim 4",
        "-n", "-Xmx"));
    Supplier<CommandlineRunnable> issues = LabelIssues::new;
    String noisy = "-t " + DIR + "wine-noisy.arff -W weka.classifiers.functions.Logistic";
    c.add(usage("label-issues-help", "LabelIssues", issues, "-h"));
    c.add(usage("label-issues-no-arguments", "LabelIssues", issues, ""));
    c.add(bad("label-issues-method", "LabelIssues", issues, noisy + " -method FOO", "-method", "FOO",
        "CONFIDENT_LEARNING"));
    c.add(bad("label-issues-folds", "LabelIssues", issues, noisy + " -folds abc", "-folds", "abc"));
    c.add(bad("label-issues-k", "LabelIssues", issues, noisy + " -k -5", "-k", "-5"));
    c.add(bad("label-issues-unknown-option", "LabelIssues", issues, noisy + " -foo 1", "-foo"));
    c.add(bad("label-issues-numeric-class", "LabelIssues", issues, noisy.replace("wine-noisy.arff", "cpu.arff"),
        "nominal class"));
    c.add(bad("label-issues-hard-classifier", "LabelIssues", issues, noisy.replace("functions.Logistic",
        "rules.OneR"), "hard 0/1 predictions"));
    c.add(bad("label-issues-sop-needs-sop", "LabelIssues", issues, noisy + " -method SOP", "-method SOP",
        "SopRobustNetwork"));
    c.add(bad("label-issues-too-many-folds", "LabelIssues", issues, "-t " + DIR + "weather.nominal.arff -folds 20",
        "-folds 20", "14 instances"));
    c.add(bad("label-issues-truth-attribute", "LabelIssues", issues, noisy + " -truth-attribute nosuch",
        "-truth-attribute", "nosuch"));
    c.add(bad("label-issues-combination-unused", "LabelIssues", issues, noisy + " -combination PRODUCT",
        "-combination PRODUCT", "COMBINED", "CONFIDENT_LEARNING"));
    c.add(bad("label-issues-truth-not-indicator", "LabelIssues", issues, "-t " + DIR + "iris.arff -W "
        + "weka.classifiers.functions.Logistic -truth-attribute sepallength", "sepallength", "0/1 indicator"));
    c.add(new Case("tool-label-issues-empty-truth", "LabelIssues", "-truth with an empty file",
        Expect.error(IllegalArgumentException.class, "-truth", "no known wrong label"), () -> {
          java.nio.file.Path empty = java.nio.file.Files.createTempFile("truth", ".txt");
          try {
            return run(issues.get(), noisy + " -truth " + empty);
          } finally {
            java.nio.file.Files.delete(empty);
          }
        }));
    c.add(new Case("tool-label-issues-not-data", "LabelIssues", "-t a file that is no data file",
        Expect.error(IllegalArgumentException.class, "cannot read", "@relation expected"), () -> {
          java.nio.file.Path garbage = java.nio.file.Files.createTempFile("garbage", ".arff");
          java.nio.file.Files.writeString(garbage, "this is not @relation data\n1,2,3\n");
          try {
            return run(issues.get(), noisy.replace(DIR + "wine-noisy.arff", garbage.toString()));
          } finally {
            java.nio.file.Files.delete(garbage);
          }
        }));
    c.add(bad("label-issues-directory", "LabelIssues", issues, noisy.replace(DIR + "wine-noisy.arff", DIR),
        "it is a directory"));
    Supplier<CommandlineRunnable> export = TrainingHistoryExport::new;
    c.add(usage("history-export-help", "TrainingHistoryExport", export, "-h"));
    c.add(usage("history-export-no-arguments", "TrainingHistoryExport", export, ""));
    c.add(bad("history-export-missing-model", "TrainingHistoryExport", export, "-png x.png", "missing option -l"));
    c.add(bad("history-export-no-such-file", "TrainingHistoryExport", export, "-l /no/such.model", "/no/such.model",
        "no such file"));
    c.add(bad("history-export-not-a-model", "TrainingHistoryExport", export, "-l " + DIR + "iris.arff", "iris.arff",
        "is not a model saved by Weka"));
    c.add(bad("history-export-width", "TrainingHistoryExport", export, "-l " + DIR + "iris.arff -width abc", "-width",
        "abc"));
    c.add(bad("history-export-unknown-option", "TrainingHistoryExport", export, "-l " + DIR + "iris.arff -foo 1",
        "-foo"));
    c.add(new Case("tool-backend-info", "OverparamBackendInfo", "no arguments", Expect.result(), () -> {
      String out = run(new OverparamBackendInfo(), "");
      require(out.contains("CPU"), "no CPU backend in the report");
      return "reports the CPU backend";
    }));
    return c;
  }

  /** The output on System.out of a tool run with {@code args}. */
  static String run(CommandlineRunnable tool, String args) throws Exception {
    PrintStream out = System.out;
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    try (PrintStream capture = new PrintStream(buffer, true, StandardCharsets.UTF_8)) {
      System.setOut(capture);
      tool.run(tool, Utils.splitOptions(args));
    } finally {
      System.setOut(out);
    }
    return buffer.toString(StandardCharsets.UTF_8);
  }

  private static Case usage(String id, String target, Supplier<CommandlineRunnable> tool, String args) {
    return new Case("tool-" + id, target, args.isEmpty() ? "no arguments" : args, Expect.result(), () -> {
      String out = run(tool.get(), args);
      require(out.startsWith("Usage:"), "no usage printed: " + out);
      return "usage printed";
    });
  }

  private static Case bad(String id, String target, Supplier<CommandlineRunnable> tool, String args,
      String... fragments) {
    return new Case("tool-" + id, target, args.replace(DIR, ""), Expect.error(IllegalArgumentException.class,
        fragments), () -> run(tool.get(), args));
  }

}

// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package weka.overparam;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import weka.classifiers.AbstractClassifier;
import weka.classifiers.CheckClassifier;
import weka.clusterers.AbstractClusterer;
import weka.clusterers.CheckClusterer;
import weka.core.CheckGOE;
import weka.core.CheckOptionHandler;
import weka.core.OptionHandler;
import weka.core.Utils;
import weka.filters.Filter;

/**
 * Weka's command-line checkers (CheckClassifier / CheckClusterer, CheckOptionHandler, CheckGOE) on
 * every learner and the filter, with default options and with a non-default option set: no check
 * may fail unexpectedly. A "no" is expected only for an interface the scheme does not implement or
 * with Weka's "(OK error message)", i.e. a refusal whose message names the capability.
 */
class WekaCheckersTest {

  static Stream<Arguments> schemes() {
    return Stream.of(
        Arguments.of("weka.classifiers.functions.ItopSparseNetwork", ""),
        Arguments.of("weka.classifiers.functions.ItopSparseNetwork", "-epochs 5 -hidden-layers 32,16 -sparsity 0.8 "
            + "-growth GRADIENT -updater ADAM -learning-rate 0.01 -validation-fraction 0.2 -data-type DOUBLE"),
        Arguments.of("weka.classifiers.functions.SopRobustNetwork", ""),
        Arguments.of("weka.classifiers.functions.SopRobustNetwork", "-epochs 5 -hidden-layers 32 -batch-size-train 8 "
            + "-lambda-consistency 0.9 -lambda-balance 0.1 -sparsity 0.5 -sop-variant REPO_HEAD"),
        Arguments.of("weka.classifiers.functions.MinDiffNetwork", "-sensitive-attribute first"),
        Arguments.of("weka.classifiers.functions.MinDiffNetwork", "-sensitive-attribute first -epochs 5 -hidden-layers 16 -lambda 2 "
            + "-kernel LAPLACIAN -flood-level 0.05 -validation-fraction 0.3 -mindiff-label NEGATIVE"),
        Arguments.of("weka.classifiers.functions.OverparameterizedKernelGD", ""),
        Arguments.of("weka.classifiers.functions.OverparameterizedKernelGD", "-depth 2 -kernel LAPLACE -stop THEORY "
            + "-eigen-solver COMMONS_MATH"),
        Arguments.of("weka.classifiers.functions.OverparameterizedKernelGD", "-features RANDOM_FOURIER "
            + "-num-features 50 -stop FIXED -time 10"),
        Arguments.of("weka.clusterers.OverparameterizedEM", ""),
        Arguments.of("weka.clusterers.OverparameterizedEM", "-N 3 -covariance FULL -restarts 2 -mixing-weights FIXED "
            + "-weights 0.2,0.3,0.5 -tolerance 1e-4"),
        Arguments.of("weka.filters.supervised.attribute.AsymmetricLabelNoise", ""),
        Arguments.of("weka.filters.supervised.attribute.AsymmetricLabelNoise", "-percent 20 -S 3"),
        Arguments.of("weka.filters.supervised.instance.RemoveLabelIssues", ""),
        Arguments.of("weka.filters.supervised.instance.RemoveLabelIssues", "-W weka.classifiers.functions.Logistic "
            + "-method SELF_CONFIDENCE -k 10 -folds 3 -S 2 -invert -add-score"));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("schemes")
  void noCheckFailsUnexpectedly(String scheme, String options) throws Exception {
    List<String> unexpected = new ArrayList<>();
    OptionHandler handler = create(scheme, options);
    if (handler instanceof weka.classifiers.Classifier c) {
      CheckClassifier check = new CheckClassifier();
      check.setClassifier(c);
      unexpected.addAll(run(check::doTests));
    } else if (handler instanceof weka.clusterers.Clusterer c) {
      CheckClusterer check = new CheckClusterer();
      check.setClusterer(c);
      unexpected.addAll(run(check::doTests));
    }
    CheckOptionHandler options1 = new CheckOptionHandler();
    options1.setOptionHandler(create(scheme, options));
    options1.setUserOptions(Utils.splitOptions(options));
    unexpected.addAll(run(options1::doTests));
    CheckGOE goe = new CheckGOE();
    goe.setObject(create(scheme, options));
    unexpected.addAll(run(goe::doTests));
    assertTrue(unexpected.isEmpty(), scheme + " " + options + ": " + unexpected);
  }

  private static OptionHandler create(String scheme, String options) throws Exception {
    if (scheme.startsWith("weka.classifiers.")) {
      return (OptionHandler) AbstractClassifier.forName(scheme, Utils.splitOptions(options));
    }
    if (scheme.startsWith("weka.clusterers.")) {
      return (OptionHandler) AbstractClusterer.forName(scheme, Utils.splitOptions(options));
    }
    Filter f = (Filter) Class.forName(scheme).getDeclaredConstructor().newInstance();
    f.setOptions(Utils.splitOptions(options));
    return f;
  }

  /** Runs a checker and returns its result lines that report an unexpected failure. */
  private static List<String> run(Runnable checker) {
    String text = output(checker);
    assertTrue(text.contains("...yes"), "the checker reported nothing: " + text);
    List<String> bad = new ArrayList<>();
    boolean interfaces = false;
    for (String line : text.split("\n")) {
      if (line.startsWith("--> Checking for interfaces")) {
        interfaces = true;
      } else if (line.startsWith("-->")) {
        interfaces = false;
      }
      boolean failed = line.endsWith("...no") || line.startsWith("Problem during");
      if (failed && !interfaces) {
        bad.add(line);
      }
    }
    return bad;
  }

  private static String output(Runnable checker) {
    PrintStream out = System.out;
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    try (PrintStream capture = new PrintStream(buffer, true, StandardCharsets.UTF_8)) {
      System.setOut(capture);
      checker.run();
    } finally {
      System.setOut(out);
    }
    return buffer.toString(StandardCharsets.UTF_8);
  }
}

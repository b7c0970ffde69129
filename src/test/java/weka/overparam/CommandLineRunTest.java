// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package weka.overparam;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import weka.clusterers.ClusterEvaluation;
import weka.clusterers.OverparameterizedEM;
import weka.core.Instances;
import weka.core.Utils;
import weka.core.converters.ConverterUtils.DataSource;

/** The command-line runs of the learners: cross-validation of the clusterer, and errors without stack traces. */
class CommandLineRunTest {
  private static final String DATA = TestData.path("arff/gmm-2d-3clusters.arff");

  /** Standard output and standard error of {@code run}. */
  private static String[] capture(Runnable run) {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    try (PrintStream po = new PrintStream(o, true, StandardCharsets.UTF_8);
        PrintStream pe = new PrintStream(e, true, StandardCharsets.UTF_8)) {
      System.setOut(po);
      System.setErr(pe);
      run.run();
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
    return new String[] {o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8)};
  }

  @Test
  void crossValidationOfTheClustererUsesTheObjectAndWekasFolds() throws Exception {
    String[] result = capture(() -> CommandLineRun.clusterer(new OverparameterizedEM(),
        new String[] {"-t", DATA, "-N", "3", "-x", "5", "-s", "7"}));
    // Weka's own object-based cross-validation with the seeding ClusterEvaluation uses
    Instances data = DataSource.read(DATA);
    Random random = new Random(7);
    data.randomize(random);
    OverparameterizedEM em = new OverparameterizedEM();
    em.setNumClusters(3);
    double expected = ClusterEvaluation.crossValidateModel(em, data, 5, random);
    String line = "5 fold CV Log Likelihood: " + Utils.doubleToString(expected, 6, 4);
    assertTrue(result[0].contains(line), "expected '" + line + "' in\n" + result[0] + result[1]);
  }

  @Test
  void refusedInputIsAMessageNotAStackTrace() {
    String[] result = capture(() -> CommandLineRun.clusterer(new OverparameterizedEM(),
        new String[] {"-t", DATA, "-covariance", "FOO"}));
    assertTrue(result[1].contains("Weka exception: -covariance must be one of"), result[1]);
    assertFalse(result[1].contains("\tat "), result[1]);
    result = capture(() -> CommandLineRun.clusterer(new OverparameterizedEM(),
        new String[] {"-t", DATA, "-x", "5", "-c", "last"}));
    assertTrue(result[1].contains("-x (cross-validation) cannot be combined"), result[1]);
  }
}

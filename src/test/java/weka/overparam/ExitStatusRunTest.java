// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package weka.overparam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The exit status of the launcher's runner: 0 for a good run or help, 1 for a failure, 2 for an unknown scheme. */
class ExitStatusRunTest {
  private static final String IRIS = TestData.path("arff/iris.arff");

  /** The exit status, standard output and standard error of a command line. */
  private record Result(int status, String out, String err) {}

  private static Result run(String... args) {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    int status;
    try (PrintStream po = new PrintStream(o, true, StandardCharsets.UTF_8);
        PrintStream pe = new PrintStream(e, true, StandardCharsets.UTF_8)) {
      System.setOut(po);
      System.setErr(pe);
      status = ExitStatusRun.execute(args);
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
    return new Result(status, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
  }

  @Test
  void aGoodRunIsStatusZero() {
    Result r = run("weka.classifiers.trees.J48", "-t", IRIS, "-x", "2");
    assertEquals(0, r.status(), r.err());
    assertTrue(r.out().contains("Correctly Classified Instances"), r.out());
  }

  @Test
  void wekasOwnFailuresAreStatusOne() {
    Result r = run("weka.classifiers.trees.J48", "-t", "no-such-file.arff");
    assertEquals(ExitStatusRun.FAILED, r.status(), r.err());
    assertTrue(r.err().contains("Weka exception"), r.err());
    r = run("weka.classifiers.trees.J48", "-t", IRIS, "-no-such-option");
    assertEquals(ExitStatusRun.FAILED, r.status(), r.err());
    r = run("weka.filters.unsupervised.attribute.AddNoise", "-i", "no-such-file.arff");
    assertEquals(ExitStatusRun.FAILED, r.status(), r.err());
  }

  @Test
  void thePackagesFailuresAreStatusOneWithTheMessageAndNoStackTrace() {
    Result r = run("weka.classifiers.functions.ItopSparseNetwork", "-t", IRIS, "-epochs", "abc");
    assertEquals(ExitStatusRun.FAILED, r.status(), r.err());
    assertTrue(r.err().contains("-epochs expects an integer, got 'abc'"), r.err());
    assertFalse(r.err().contains("\tat "), r.err());
    r = run("weka.clusterers.OverparameterizedEM", "-t", IRIS, "-covariance", "FOO");
    assertEquals(ExitStatusRun.FAILED, r.status(), r.err());
    r = run("weka.overparam.TrainingHistoryExport", "-l", "no-such.model");
    assertEquals(ExitStatusRun.FAILED, r.status(), r.err());
  }

  @Test
  void aFilterRuns(@TempDir Path dir) {
    File out = dir.resolve("noisy.arff").toFile();
    Result r = run("weka.filters.unsupervised.attribute.AddNoise", "-C", "last", "-P", "10", "-i", IRIS, "-o",
        out.getPath());
    assertEquals(0, r.status(), r.err());
    assertTrue(out.length() > 0);
  }

  @Test
  void helpIsStatusZero() {
    assertEquals(0, run("weka.classifiers.trees.J48", "-h").status());
    assertEquals(0, run("weka.overparam.GroupFairnessEvaluation", "-h").status());
    assertEquals(0, run("weka.overparam.LabelIssues", "-h").status());
    assertEquals(0, run("-h").status());
  }

  @Test
  void anUnknownSchemeIsStatusTwo() {
    Result r = run("weka.classifiers.NoSuchClassifier", "-t", IRIS);
    assertEquals(ExitStatusRun.NOT_FOUND, r.status(), r.err());
    assertTrue(r.err().contains("Can't find scheme"), r.err());
    assertEquals(ExitStatusRun.NOT_FOUND, run().status());
  }
}

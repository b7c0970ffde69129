// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package weka.overparam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.overparam.gmm.OverparamStudy;

/** The study tool reproduces the paper's effect on small, fast configurations. */
class OverparameterizedEMStudyTest {
  private static List<OverparamStudy.Result> run(String... options) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    List<OverparamStudy.Result> r =
        OverparameterizedEMStudy.run(options, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String text = bytes.toString(StandardCharsets.UTF_8);
    assertTrue(text.contains("known weights") && text.contains("over-parameterized"), text);
    return r;
  }

  /** Means -3, 0, 3 and weights 0.5, 0.3, 0.2 (our simulation, not the paper's: about 0.16 vs 1.0 at n = 5000). */
  @Test
  void knownWeightsFailWhereOverparameterizedSucceedsOnThreeComponents() throws Exception {
    OverparamStudy.Result r = run("-case", "GENERAL", "-means", "-3;0;3", "-weights", "0.5,0.3,0.2", "-n", "1000",
        "-starts", "60", "-S", "1", "-num-threads", "2").get(0);
    assertTrue(r.overparameterized().rate() >= 0.95, "over-parameterized " + r.overparameterized().rate());
    assertTrue(r.knownWeights().rate() <= 0.5, "known weights " + r.knownWeights().rate());
  }

  /** Symmetric mixture, w1* = 0.7, theta* = 1: known weights get stuck from starts aligned with the small component. */
  @Test
  void symmetricCaseFavoursOverparameterization() throws Exception {
    OverparamStudy.Result r = run("-case", "SYMMETRIC", "-dim", "1", "-theta", "1", "-w1", "0.7", "-n", "2000",
        "-starts", "40", "-S", "2").get(0);
    assertEquals(1.0, r.overparameterized().rate(), 0.0);
    assertTrue(r.knownWeights().rate() < 0.9, "known weights " + r.knownWeights().rate());
  }

  /** With equal weights the known weights label nothing: both modes recover the mixture up to relabelling. */
  @Test
  void equalWeightsShowNoGap() throws Exception {
    OverparamStudy.Result r = run("-case", "SYMMETRIC", "-dim", "1", "-theta", "1.5", "-w1", "0.5", "-n", "2000",
        "-starts", "20", "-S", "4").get(0);
    assertEquals(1.0, r.knownWeights().rate(), 0.0);
    assertEquals(1.0, r.overparameterized().rate(), 0.0);
  }

  @Test
  void resultsDoNotDependOnTheThreadCount() throws Exception {
    String[] base = {"-case", "GENERAL", "-n", "400", "-starts", "12", "-S", "3"};
    OverparamStudy.Result one = run(concat(base, "-num-threads", "1")).get(0);
    OverparamStudy.Result two = run(concat(base, "-num-threads", "2")).get(0);
    assertEquals(one, two);
  }

  private static String[] concat(String[] a, String... b) {
    String[] r = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, r, a.length, b.length);
    return r;
  }
}

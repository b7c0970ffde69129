// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package weka.overparam;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.overparam.gmm.OptionLists;
import org.overparam.gmm.OverparamStudy;
import org.overparam.gmm.StudyOutcome;
import org.overparam.common.Checks;

/**
 * Reproduces the effect of Xu, Hsu and Maleki (NeurIPS 2018) from the command line: EM with known
 * mixing weights versus EM that re-estimates them (over-parameterized), from the same random starts
 * on the same synthetic mixture, with success rates, Wilson 95% intervals, median iterations,
 * non-convergence and final log-likelihoods.
 *
 * <pre>
 * java -cp ... weka.Run .OverparameterizedEMStudy                      (the preset table of the README)
 * java -cp ... weka.Run .OverparameterizedEMStudy -case GENERAL -means "-3;0;3" -weights 0.5,0.3,0.2 -n 5000
 * java -cp ... weka.Run .OverparameterizedEMStudy -case SYMMETRIC -dim 1 -theta 1 -w1 0.7 -n 10000 -starts 200
 * </pre>
 */
public class OverparameterizedEMStudy extends CommandLineTool {

  /** Which experiment to run. */
  public enum Case { PRESET, GENERAL, SYMMETRIC }

  static final String USAGE = String.join("\n",
      "Usage: weka.Run .OverparameterizedEMStudy [options]",
      "Known-weights vs over-parameterized EM success rates (Xu, Hsu & Maleki 2018); no options run the preset table.",
      "",
      "General options:",
      "  -case <PRESET|GENERAL|SYMMETRIC>  default PRESET (a fixed list of settings)",
      "  -means <m1;m2;...>       GENERAL: true means, one row per component (default -3;0;3)",
      "  -weights <w1,w2,...>     GENERAL: true weights (default 0.5,0.3,0.2)",
      "  -dim <int>               SYMMETRIC: dimension (default 1)",
      "  -theta <double>          SYMMETRIC: |theta*| (default 1)",
      "  -w1 <double>             SYMMETRIC: weight of +theta* (default 0.7)",
      "  -n <int>                 sample size (default 5000 GENERAL, 10000 SYMMETRIC)",
      "  -starts <int>            random starts per mode (default 300 GENERAL, 200 SYMMETRIC)",
      "  -max-iterations <int>    EM iterations per run (default 2000)",
      "  -tolerance <double>      GENERAL: on the mean log-likelihood; SYMMETRIC: on the parameters (default 1e-8)",
      "  -S <long>                seed of data and starts (default 0)",
      "  -num-threads <int>       starts run in parallel; results do not depend on it (default 1)");

  /** Runs the requested study and returns the results (also printed to out). */
  public static List<OverparamStudy.Result> run(String[] options, PrintStream out) throws Exception {
    Case c = enumOption("case", options, Case.class, Case.PRESET);
    switch (c) { // an option of another case would be ignored without a word
      case PRESET -> notFor(c, options, "means", "weights", "dim", "theta", "w1", "n", "starts");
      case GENERAL -> notFor(c, options, "dim", "theta", "w1");
      case SYMMETRIC -> notFor(c, options, "means", "weights");
      default -> throw new AssertionError(c);
    }
    String means = option("means", options, "-3;0;3");
    String weights = option("weights", options, "0.5,0.3,0.2");
    int dim = intOption("dim", options, 1);
    double theta = doubleOption("theta", options, 1);
    double w1 = doubleOption("w1", options, 0.7);
    int n = intOption("n", options, c == Case.SYMMETRIC ? 10000 : 5000);
    int starts = intOption("starts", options, c == Case.SYMMETRIC ? 200 : 300);
    int maxIt = intOption("max-iterations", options, 2000);
    double tol = doubleOption("tolerance", options, 1e-8);
    long seed = longOption("S", options, 0);
    int threads = intOption("num-threads", options, 1);
    rejectRemaining(options);
    Checks.positive("-n", n);
    Checks.positive("-starts", starts);
    Checks.positive("-num-threads", threads);
    Checks.positive("-max-iterations", maxIt);
    Checks.nonNegative("-tolerance", tol);
    List<OverparamStudy.Result> results = new ArrayList<>();
    switch (c) {
      case GENERAL -> results.add(general(OptionLists.parseMatrix("-means", means),
          OptionLists.parseVector("-weights", weights), n, starts, maxIt, tol,
          seed, threads));
      case SYMMETRIC -> results.add(OverparamStudy.symmetric(dim, theta, w1, n, starts, maxIt, tol, seed,
          threads));
      case PRESET -> {
        double[][] line = {{-3}, {0}, {3}};
        results.add(general(line, new double[] {0.5, 0.3, 0.2}, 5000, 300, maxIt, tol, seed, threads));
        results.add(general(line, new double[] {1.0 / 3, 1.0 / 3, 1.0 / 3}, 5000, 300, maxIt, tol, seed, threads));
        results.add(general(new double[][] {{-2, 0}, {0, 0}, {2, 0}}, new double[] {0.1, 0.2, 0.7}, 5000, 300, maxIt,
            tol, seed, threads));
        results.add(OverparamStudy.symmetric(1, 1, 0.7, 10000, 200, maxIt, tol, seed, threads));
        results.add(OverparamStudy.symmetric(1, 2, 0.9, 10000, 200, maxIt, tol, seed, threads));
        results.add(OverparamStudy.symmetric(2, 1, 0.5, 10000, 200, maxIt, tol, seed, threads));
      }
      default -> throw new AssertionError(c);
    }
    out.println(String.format(Locale.ROOT, "seed %d, max-iterations %d, tolerance %g", seed, maxIt, tol));
    for (OverparamStudy.Result r : results) {
      out.println();
      out.println(r.setting());
      out.println(StudyOutcome.header());
      out.println(r.knownWeights().formatRow());
      out.println(r.overparameterized().formatRow());
    }
    return results;
  }

  private static OverparamStudy.Result general(double[][] means, double[] weights, int n, int starts, int maxIt,
      double tol, long seed, int threads) throws InterruptedException {
    if (means == null || means.length != weights.length || means.length > 8) {
      throw new IllegalArgumentException("-means needs one row per weight in -weights (at most 8 components)");
    }
    return OverparamStudy.general(means, weights, n, starts, maxIt, tol, seed, threads);
  }

  private static void notFor(Case c, String[] options, String... flags) {
    for (String f : flags) {
      if (java.util.Arrays.asList(options).contains("-" + f)) {
        throw new IllegalArgumentException("-" + f + " does not apply to -case " + c);
      }
    }
  }

  @Override
  protected String usage() {
    return USAGE;
  }

  @Override
  protected void execute(String[] options, PrintStream out) throws Exception {
    run(options, out);
  }

  public static void main(String[] args) {
    runFromMain(new OverparameterizedEMStudy(), args);
  }
}

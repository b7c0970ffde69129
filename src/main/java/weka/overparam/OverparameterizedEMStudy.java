package weka.overparam;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.overparam.gmm.OptionLists;
import org.overparam.gmm.OverparamStudy;
import org.overparam.gmm.StudyOutcome;
import weka.core.CommandlineRunnable;
import weka.core.Utils;

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
public class OverparameterizedEMStudy implements CommandlineRunnable {

  /** Which experiment to run. */
  public enum Case { PRESET, GENERAL, SYMMETRIC }

  static final String USAGE = String.join("\n",
      "OverparameterizedEMStudy: known-weights vs over-parameterized EM success rates (Xu, Hsu & Maleki 2018)",
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
    String caseName = Utils.getOption("case", options);
    Case c = caseName.isEmpty() ? Case.PRESET : Case.valueOf(caseName.toUpperCase(Locale.ROOT));
    String means = orDefault(Utils.getOption("means", options), "-3;0;3");
    String weights = orDefault(Utils.getOption("weights", options), "0.5,0.3,0.2");
    int dim = Integer.parseInt(orDefault(Utils.getOption("dim", options), "1"));
    double theta = Double.parseDouble(orDefault(Utils.getOption("theta", options), "1"));
    double w1 = Double.parseDouble(orDefault(Utils.getOption("w1", options), "0.7"));
    String n = Utils.getOption("n", options);
    String starts = Utils.getOption("starts", options);
    int maxIt = Integer.parseInt(orDefault(Utils.getOption("max-iterations", options), "2000"));
    double tol = Double.parseDouble(orDefault(Utils.getOption("tolerance", options), "1e-8"));
    long seed = Long.parseLong(orDefault(Utils.getOption('S', options), "0"));
    int threads = Integer.parseInt(orDefault(Utils.getOption("num-threads", options), "1"));
    Utils.checkForRemainingOptions(options);
    if (threads < 1 || maxIt < 1 || !(tol >= 0)) {
      throw new IllegalArgumentException("-num-threads and -max-iterations must be >= 1 and -tolerance >= 0");
    }
    List<OverparamStudy.Result> results = new ArrayList<>();
    switch (c) {
      case GENERAL -> results.add(general(OptionLists.parseMatrix("-means", means),
          OptionLists.parseVector("-weights", weights), intOr(n, 5000), intOr(starts, 300), maxIt, tol, seed, threads));
      case SYMMETRIC -> results.add(OverparamStudy.symmetric(dim, theta, w1, intOr(n, 10000), intOr(starts, 200), maxIt,
          tol, seed, threads));
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

  private static String orDefault(String v, String d) {
    return v.isEmpty() ? d : v;
  }

  private static int intOr(String v, int d) {
    return v.isEmpty() ? d : Integer.parseInt(v);
  }

  @Override
  public void preExecution() {}

  @Override
  public void run(Object toRun, String[] options) throws Exception {
    if (Utils.getFlag('h', options) || Utils.getFlag("help", options)) {
      System.out.println(USAGE);
      return;
    }
    run(options, System.out);
  }

  @Override
  public void postExecution() {}

  public static void main(String[] args) {
    try {
      new OverparameterizedEMStudy().run(null, args);
    } catch (Exception e) {
      System.err.println(e.getMessage());
      System.err.println(USAGE);
      System.exit(1);
    }
  }
}

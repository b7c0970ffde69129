// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package weka.overparam;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.overparam.common.Checks;
import org.overparam.kgd.SequenceModelStudy;
import org.overparam.kgd.SequenceModelStudy.MethodResult;
import org.overparam.kgd.SequenceModelStudy.Point;
import org.overparam.kgd.SequenceModelStudy.Setting;
import weka.core.Utils;

/**
 * The sequence-model rate experiment of Li and Lin (2024, Table 1): over-parameterized GD (D = 0)
 * against vanilla kernel GD with oracle stopping, and the fitted rate (minus the slope of log10
 * risk on log10 n). Run with {@code java weka.Run .KernelGdRateStudy [options]}.
 *
 * <pre>
 * -gamma &lt;double&gt;       eigenvalue decay lambda_j = j^-gamma (default 2)
 * -p &lt;double&gt;           signal smoothness (default 1)
 * -q &lt;double&gt;           misalignment, theta*_{ceil(j^q)} = j^{-(p+1)/2} (default 2)
 * -truncation &lt;int&gt;    number of components N (default 4000000)
 * -n-min / -n-max / -n-step &lt;int&gt;   sample sizes (default 2000 / 4000 / 500)
 * -repetitions &lt;int&gt;   repetitions per n (default 32)
 * -grid-points &lt;int&gt;   oracle grid size (default 25)
 * -S &lt;long&gt;            seed (default 1)
 * -output &lt;file&gt;       also write the per-n points as CSV
 * </pre>
 */
public class KernelGdRateStudy extends CommandLineTool {
  @Override
  protected void execute(String[] args, PrintStream out) throws Exception {
    int nMin = intOption("n-min", args, 2000);
    int nMax = intOption("n-max", args, 4000);
    int nStep = intOption("n-step", args, 500);
    Checks.positive("-n-min", nMin);
    Checks.positive("-n-step", nStep);
    Checks.require(nMax >= nMin, "-n-max (" + nMax + ") must be >= -n-min (" + nMin + ")");
    long sizes = ((long) nMax - nMin) / nStep + 1;
    Checks.require(sizes <= MAX_SAMPLE_SIZES, "-n-min " + nMin + " to -n-max " + nMax + " in steps of " + nStep
        + " gives " + sizes + " sample sizes; at most " + MAX_SAMPLE_SIZES + " (raise -n-step)");
    int[] ns = java.util.stream.IntStream.iterate(nMin, n -> n <= nMax, n -> n + nStep).toArray();
    Setting setting = new Setting(doubleOption("gamma", args, 2), doubleOption("p", args, 1),
        doubleOption("q", args, 2), intOption("truncation", args, 4_000_000), ns, intOption("repetitions", args, 32),
        intOption("grid-points", args, 25), longOption("S", args, 1));
    String output = Utils.getOption("output", args);
    rejectRemaining(args);
    if (!output.isEmpty()) { // before the study, which can take hours, not after it
      requireWritable("-output", java.nio.file.Path.of(output));
    }
    long start = System.nanoTime();
    List<MethodResult> results = SequenceModelStudy.run(setting, (rep, metrics) -> {});
    double seconds = (System.nanoTime() - start) / 1e9;
    out.print(format(setting, results, seconds));
    if (!output.isEmpty()) {
      writeCsv(new File(output), results);
    }
  }

  /** A rate is fitted through the sizes; more than this many only cost time. */
  static final int MAX_SAMPLE_SIZES = 1000;


  static String format(Setting s, List<MethodResult> results, double seconds) {
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT,
        "Sequence model: gamma = %s, p = %s, q = %s, N = %d, n = %d..%d (%d sizes), %d repetitions, seed %d%n",
        s.gamma(), s.p(), s.q(), s.truncation(), s.ns()[0], s.ns()[s.ns().length - 1], s.ns().length,
        s.repetitions(), s.seed()));
    out.append(String.format(Locale.ROOT, "ideal rate p/(p+1) = %.3f, vanilla theory p/(p+q) = %.3f%n%n",
        s.p() / (s.p() + 1), s.p() / (s.p() + s.q())));
    out.append(String.format(Locale.ROOT, "%-22s %8s %12s %12s%n", "method", "n", "oracle t", "risk"));
    for (MethodResult r : results) {
      for (Point p : r.points()) {
        out.append(String.format(Locale.ROOT, "%-22s %8d %12.5g %12.5g%s%n", r.method(), p.n(), p.oracleTime(),
            p.risk(), p.atGridEdge() ? "  (at grid edge: widen the grid)" : ""));
      }
    }
    out.append(String.format(Locale.ROOT, "%n%-22s %8s %10s %10s%n", "method", "rate", "intercept", "t slope"));
    for (MethodResult r : results) {
      out.append(String.format(Locale.ROOT, "%-22s %8.3f %10.3f %10.3f%n", r.method(), r.rate(), r.intercept(),
          r.timeSlope()));
    }
    out.append(String.format(Locale.ROOT, "%nelapsed %.1f s%n", seconds));
    return out.toString();
  }

  private static void writeCsv(File file, List<MethodResult> results) throws IOException {
    try (PrintWriter w = new PrintWriter(file, StandardCharsets.UTF_8)) {
      w.println("method,n,oracle_t,risk,at_grid_edge");
      for (MethodResult r : results) {
        for (Point p : r.points()) {
          w.printf(Locale.ROOT, "%s,%d,%.8g,%.8g,%b%n", r.method(), p.n(), p.oracleTime(), p.risk(), p.atGridEdge());
        }
      }
    }
  }

  @Override
  protected String usage() {
    return String.join("\n",
        "Usage: weka.Run .KernelGdRateStudy [options]",
        "Li & Lin (2024) sequence-model rates, over-parameterized (D = 0) vs vanilla GD; no options run the defaults.",
        "",
        "General options:",
        "  -gamma <double>      eigenvalue decay lambda_j = j^-gamma, > 1 (default 2)",
        "  -p <double>          signal smoothness, > 0 (default 1)",
        "  -q <double>          misalignment, >= 1 (default 2)",
        "  -truncation <int>    number of components N, >= 100 (default 4000000)",
        "  -n-min / -n-max / -n-step <int>   sample sizes (default 2000 / 4000 / 500)",
        "  -repetitions <int>   repetitions per n (default 32)",
        "  -grid-points <int>   oracle grid size, >= 3 (default 25)",
        "  -S <long>            seed (default 1)",
        "  -output <file>       also write the per-n points as CSV");
  }

  public static void main(String[] args) {
    runFromMain(new KernelGdRateStudy(), args);
  }
}

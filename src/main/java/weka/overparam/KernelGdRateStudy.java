package weka.overparam;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.overparam.kgd.SequenceModelStudy;
import org.overparam.kgd.SequenceModelStudy.MethodResult;
import org.overparam.kgd.SequenceModelStudy.Point;
import org.overparam.kgd.SequenceModelStudy.Setting;
import weka.core.CommandlineRunnable;
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
public class KernelGdRateStudy implements CommandlineRunnable {
  @Override
  public void preExecution() {}

  @Override
  public void postExecution() {}

  @Override
  public void run(Object toRun, String[] args) throws Exception {
    if (Utils.getFlag('h', args) || Utils.getFlag("help", args)) {
      System.out.println(usage());
      return;
    }
    int nMin = intOption("n-min", args, 2000);
    int nMax = intOption("n-max", args, 4000);
    int nStep = intOption("n-step", args, 500);
    if (nMin < 1 || nMax < nMin || nStep < 1) {
      throw new IllegalArgumentException("need 1 <= n-min <= n-max and n-step >= 1");
    }
    int[] ns = java.util.stream.IntStream.iterate(nMin, n -> n <= nMax, n -> n + nStep).toArray();
    Setting setting = new Setting(doubleOption("gamma", args, 2), doubleOption("p", args, 1),
        doubleOption("q", args, 2), intOption("truncation", args, 4_000_000), ns, intOption("repetitions", args, 32),
        intOption("grid-points", args, 25), Long.parseLong(option("S", args, "1")));
    String output = Utils.getOption("output", args);
    Utils.checkForRemainingOptions(args);
    long start = System.nanoTime();
    List<MethodResult> results = SequenceModelStudy.run(setting, (rep, metrics) -> {});
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.print(format(setting, results, seconds));
    if (!output.isEmpty()) {
      writeCsv(new File(output), results);
    }
  }

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

  private static String usage() {
    return "KernelGdRateStudy: Li & Lin (2024) sequence-model rates, over-parameterized (D = 0) vs vanilla GD.\n"
        + "Options: -gamma 2 -p 1 -q 2 -truncation 4000000 -n-min 2000 -n-max 4000 -n-step 500\n"
        + "         -repetitions 32 -grid-points 25 -S 1 -output points.csv";
  }

  private static String option(String name, String[] args, String fallback) throws Exception {
    String value = Utils.getOption(name, args);
    return value.isEmpty() ? fallback : value;
  }

  private static int intOption(String name, String[] args, int fallback) throws Exception {
    return Integer.parseInt(option(name, args, Integer.toString(fallback)));
  }

  private static double doubleOption(String name, String[] args, double fallback) throws Exception {
    return Double.parseDouble(option(name, args, Double.toString(fallback)));
  }

  public static void main(String[] args) throws Exception {
    new KernelGdRateStudy().run(null, args);
  }
}

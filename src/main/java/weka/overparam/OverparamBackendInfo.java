// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package weka.overparam;

import java.io.PrintStream;
import java.util.Map;
import org.overparam.nd4j.BackendReport;

/**
 * Prints the ND4J backend the package's networks run on (CPU or CUDA, BLAS vendor, threads):
 * {@code java -cp weka.jar weka.Run .OverparamBackendInfo}.
 */
public class OverparamBackendInfo extends CommandLineTool {

  /** The report as text. */
  public static String report() {
    Map<String, String> r = BackendReport.collect();
    StringBuilder sb = new StringBuilder("overparam: ND4J backend\n");
    sb.append(BackendReport.format(r));
    if ("CPU".equals(r.get("kind"))) {
      sb.append("\nRunning on the CPU. To use an NVIDIA GPU, add ND4J's CUDA backend to the package's lib/ folder\n"
          + "(see docs/troubleshooting.md, section GPU (CUDA)); ND4J then prefers CUDA whenever a device is present.\n");
    }
    return sb.toString();
  }

  @Override
  protected String usage() {
    return "Usage: weka.Run .OverparamBackendInfo\nPrints the ND4J backend the networks run on.\n\nGeneral options:\n"
        + "  -h   this help";
  }

  @Override
  protected void execute(String[] options, PrintStream out) {
    rejectRemaining(options);
    out.println(report());
  }

  public static void main(String[] args) {
    runFromMain(new OverparamBackendInfo(), args);
  }
}

// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package weka.overparam;

import java.io.PrintStream;
import java.util.Map;
import org.overparam.nd4j.BackendReport;
import org.overparam.nn.NetworkModel;
import org.overparam.nn.NetworkTrainer;

/**
 * Prints the ND4J backend the package's networks run on (CPU or CUDA, BLAS vendor, threads), what was found of
 * the CUDA backend, driver and runtime, and why the GPU is not used when it is not:
 * {@code java -cp weka.jar weka.Run .OverparamBackendInfo}.
 */
public class OverparamBackendInfo extends CommandLineTool {

  /** The report as text. */
  public static String report() {
    Map<String, String> r = BackendReport.collect();
    r.put("sparse engine's products", NetworkTrainer.sparseKernels());
    r.put("networks' predictions", NetworkModel.predictionKernels());
    StringBuilder sb = new StringBuilder("overparam: ND4J backend\n");
    sb.append(BackendReport.format(r));
    sb.append("\nGPU (CUDA)\n").append(BackendReport.format(BackendReport.cudaFindings()));
    sb.append('\n').append(BackendReport.diagnosis().text());
    return sb.toString();
  }

  @Override
  protected String usage() {
    return "Usage: weka.Run .OverparamBackendInfo\nPrints the ND4J backend the networks run on, and why not the GPU when the CUDA backend is not used.\n\nGeneral options:\n"
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

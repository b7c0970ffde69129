// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.nd4j;

import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/** What ND4J is running on: backend, BLAS, devices, threads. */
public final class BackendReport {
  private BackendReport() {}

  /** Collects the report (initialises ND4J if needed). */
  public static Map<String, String> collect() {
    return Dl4jRuntime.call(() -> {
      Map<String, String> r = new LinkedHashMap<>();
      var backend = Nd4j.getBackend();
      String cls = backend.getClass().getName();
      r.put("backend", cls);
      r.put("kind", Dl4jRuntime.cpuBackend() ? "CPU" : "CUDA (GPU)");
      r.put("devices", String.valueOf(Nd4j.getAffinityManager().getNumberOfDevices()));
      r.put("blas", Nd4j.factory().blas().getBlasVendor() + " " + openBlasVersion());
      r.put("threads (OpenMP / BLAS)", NativeOpsHolder.getInstance().getDeviceNativeOps().ompGetMaxThreads()
          + " / " + Nd4j.factory().blas().getMaxThreads()
          + "  (set with -D" + Dl4jRuntime.THREADS_PROPERTY + "=N or OVERPARAM_THREADS)");
      r.put("OMP_NUM_THREADS", String.valueOf(System.getenv("OMP_NUM_THREADS")));
      r.put("OPENBLAS_CORETYPE", String.valueOf(System.getenv("OPENBLAS_CORETYPE")));
      r.put("default dtype", String.valueOf(Nd4j.dataType()));
      r.put("available processors", String.valueOf(Runtime.getRuntime().availableProcessors()));
      r.put("java", System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")");
      return r;
    });
  }

  /** The OpenBLAS version on the class path (ND4J itself reports 0.0.0), or "unknown". */
  static String openBlasVersion() {
    try {
      // read at run time, not inlined at compile time: it names the jar actually loaded
      Object v = Class.forName("org.bytedeco.openblas.global.openblas_nolapack").getField("OPENBLAS_VERSION").get(null);
      return String.valueOf(v).trim();
    } catch (ReflectiveOperationException | LinkageError e) {
      return "unknown";
    }
  }

  /** Short name of the backend in use, e.g. "CPU (CpuBackend)". */
  public static String backendName() {
    return Dl4jRuntime.call(() -> (Dl4jRuntime.cpuBackend() ? "CPU" : "CUDA") + " ("
        + Nd4j.getBackend().getClass().getSimpleName() + ", " + Nd4j.factory().blas().getBlasVendor() + ")");
  }

  /** The report as aligned text lines. */
  public static String format(Map<String, String> report) {
    StringBuilder sb = new StringBuilder();
    report.forEach((k, v) -> sb.append(String.format("%-28s %s%n", k + ":", v)));
    return sb.toString();
  }
}

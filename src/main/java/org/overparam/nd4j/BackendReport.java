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
          + "  (now; each network sets its own with -num-threads, other work takes -D"
          + Dl4jRuntime.THREADS_PROPERTY + "=N or OVERPARAM_THREADS)");
      r.put("OMP_NUM_THREADS", String.valueOf(System.getenv("OMP_NUM_THREADS")));
      r.put("OpenBLAS kernels", OpenBlasCore.describe());
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

  /** Short name of the backend in use, e.g. "CPU (CpuBackend, OPENBLAS, SKYLAKEX kernels)". */
  public static String backendName() {
    return Dl4jRuntime.call(() -> {
      boolean cpu = Dl4jRuntime.cpuBackend();
      return (cpu ? "CPU" : "CUDA") + " (" + Nd4j.getBackend().getClass().getSimpleName() + ", "
          + Nd4j.factory().blas().getBlasVendor() + (cpu ? ", " + OpenBlasCore.activeKernels() + " kernels" : "") + ")";
    });
  }

  private static volatile CudaDiagnosis.Diagnosis diagnosis;
  private static volatile CudaProbe probe;

  /** What {@link CudaProbe#collect()} found, probed once per JVM (the backend cannot change after ND4J starts). */
  public static CudaProbe probe() {
    if (probe == null) {
      synchronized (BackendReport.class) {
        if (probe == null) {
          probe = CudaProbe.collect();
        }
      }
    }
    return probe;
  }

  /** Which backend runs and why not the GPU ({@link CudaDiagnosis#explain} of {@link #probe()}). */
  public static CudaDiagnosis.Diagnosis diagnosis() {
    if (diagnosis == null) {
      diagnosis = CudaDiagnosis.explain(probe());
    }
    return diagnosis;
  }

  /** The first line of {@link #diagnosis()}, for a model's description. */
  public static String diagnosisLine() {
    String text = diagnosis().text();
    int nl = text.indexOf('\n');
    return nl < 0 ? text : text.substring(0, nl);
  }

  /** The probe's findings as report lines (CUDA section of OverparamBackendInfo). */
  public static Map<String, String> cudaFindings() {
    CudaProbe p = probe();
    Map<String, String> r = new LinkedHashMap<>();
    r.put("CUDA backend jars", p.cudaBackendOnClassPath() ? "present (" + CudaProbe.CUDA_BACKEND_CLASS + ")"
        : p.unusedAddon() != null ? "absent (" + p.unusedAddon() + ")"
        : "absent (overparamCUDA add-on not installed)");
    r.put("NVIDIA driver", p.driverVersion() == null ? "none loaded" : p.driverVersion());
    r.put("GPUs (driver)", p.deviceCount() == null ? "unknown" : String.valueOf(p.deviceCount()));
    r.put("CUDA runtime (libcudart)", p.cudartFound().isEmpty() ? "not found" : String.join(", ", p.cudartFound()));
    r.put("searched", p.searchedPaths().isEmpty() ? "(no library folders exist)" : String.join(":", p.searchedPaths()));
    r.put("CUDA_PATH", String.valueOf(System.getenv("CUDA_PATH")));
    r.put("LD_LIBRARY_PATH", String.valueOf(System.getenv("LD_LIBRARY_PATH")));
    r.put("CUDA_VISIBLE_DEVICES", String.valueOf(System.getenv("CUDA_VISIBLE_DEVICES")));
    if (p.loadError() != null) {
      r.put("CUDA backend error", p.loadError());
    }
    r.put("needed", "CUDA " + CudaDiagnosis.CUDA_VERSION + ", driver >= " + CudaDiagnosis.DRIVER_FOR_CUDA
        + ", cuDNN " + CudaDiagnosis.CUDNN_VERSION + " (optional)");
    return r;
  }

  /** The report as aligned text lines. */
  public static String format(Map<String, String> report) {
    StringBuilder sb = new StringBuilder();
    report.forEach((k, v) -> sb.append(String.format("%-28s %s%n", k + ":", v)));
    return sb.toString();
  }
}

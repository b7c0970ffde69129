// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.nd4j;

import java.util.List;
import java.util.Objects;

/**
 * Why the networks run on the GPU or not: a pure function of what {@link CudaProbe} found, so that every cause can
 * be tested on a machine without a GPU.
 *
 * <p>The versions are those of ND4J 1.0.0-M2.1's {@code nd4j-cuda-11.6} (its pom: {@code cuda.version} 11.6,
 * {@code cudnn.version} 8.3, JavaCPP preset {@code org.bytedeco:cuda:11.6-8.3-1.5.7}). The preset does not bundle
 * the CUDA libraries, so the CUDA 11.x runtime must be installed on the machine.
 */
public final class CudaDiagnosis {
  /** The CUDA toolkit version nd4j-cuda-11.6 (ND4J 1.0.0-M2.1) is built against. */
  public static final String CUDA_VERSION = "11.6";
  /** The cuDNN version of the JavaCPP CUDA preset it uses (optional: only ND4J's cuDNN helpers need it). */
  public static final String CUDNN_VERSION = "8.3";
  /** The NVIDIA Linux driver CUDA 11.6 ships with (NVIDIA's CUDA release notes, table 3). */
  public static final String DRIVER_FOR_CUDA = "510.39.01";
  /** The oldest Linux driver any CUDA 11.x program runs on (CUDA minor-version compatibility). */
  public static final String MIN_DRIVER_CUDA11 = "450.80.02";

  private CudaDiagnosis() {}

  /** What decided the backend. */
  public enum Cause {
    /** ND4J runs on its CUDA backend. */
    CUDA_OK,
    /** The CUDA backend's jars are not on the class path (the overparamCUDA add-on is not installed). */
    NO_CUDA_BACKEND,
    /** The overparamCUDA add-on is installed but of another version than overparam, so it is not used. */
    ADDON_VERSION_MISMATCH,
    /** The environment variables BACKEND_PRIORITY_CPU / _GPU put the CPU first. */
    CPU_FORCED,
    /**
     * Java refused JavaCPP's reflective access to {@code java.lang} (Java 17's strong encapsulation), which it needs
     * when the CUDA classes and JavaCPP come from different class loaders.
     */
    JAVA_LANG_CLOSED,
    /** No NVIDIA kernel driver is loaded. */
    NO_DRIVER,
    /** The driver is older than any CUDA 11 program accepts. */
    DRIVER_TOO_OLD,
    /** The driver is loaded but reports no GPU. */
    NO_DEVICE,
    /** No CUDA 11 runtime library (libcudart.so.11*) was found. */
    CUDART_MISSING,
    /** Only CUDA runtimes of another major version were found. */
    CUDART_MISMATCH,
    /** Everything looked present, yet ND4J could not load the CUDA backend: its error says why. */
    LOAD_FAILED
  }

  /** The cause and the text shown to the user (several lines, each ending in a newline). */
  public record Diagnosis(Cause cause, String text) {
    public Diagnosis {
      Objects.requireNonNull(cause, "cause");
      Objects.requireNonNull(text, "text");
    }
  }

  /** Explains the probe's outcome: which backend ran, and why not the GPU. */
  public static Diagnosis explain(CudaProbe p) {
    Objects.requireNonNull(p, "probe");
    String found = found(p);
    if (p.cudaChosen()) {
      String note = p.driverVersion() != null && compareVersions(p.driverVersion(), DRIVER_FOR_CUDA) < 0
          ? "Note: driver " + p.driverVersion() + " is older than " + DRIVER_FOR_CUDA
              + " (CUDA " + CUDA_VERSION + "'s); it works through CUDA minor-version compatibility, but kernels that"
              + " need a JIT compile may fail. Update the driver if you see CUDA errors.\n"
          : "";
      return new Diagnosis(Cause.CUDA_OK, "Running on the GPU (ND4J's CUDA " + CUDA_VERSION + " backend).\n" + note
          + found);
    }
    String cpu = "Running on the CPU";
    if (p.unusedAddon() != null) {
      return new Diagnosis(Cause.ADDON_VERSION_MISMATCH, cpu + ": " + p.unusedAddon() + " (see docs/gpu.md).\n"
          + found);
    }
    if (!p.cudaBackendOnClassPath()) {
      return new Diagnosis(Cause.NO_CUDA_BACKEND, cpu + ": ND4J's CUDA backend is not installed.\n"
          + "To use an NVIDIA GPU, install the overparamCUDA add-on package (same version as overparam; it needs the"
          + " CUDA " + CUDA_VERSION + " runtime and a driver >= " + DRIVER_FOR_CUDA + "): see docs/gpu.md.\n");
    }
    String header = cpu + " although the CUDA backend (overparamCUDA) is installed: ";
    if (p.cpuForced()) {
      return new Diagnosis(Cause.CPU_FORCED, header + "the environment variable BACKEND_PRIORITY_CPU is set above"
          + " BACKEND_PRIORITY_GPU, which puts the CPU first. Unset them to use the GPU.\n" + found);
    }
    if (p.loadError() != null && p.loadError().contains("InaccessibleObjectException")
        && p.loadError().contains("java.lang")) {
      return new Diagnosis(Cause.JAVA_LANG_CLOSED, header + "Java refused JavaCPP access to java.lang (" + p.loadError()
          + "). Start Java with --add-opens java.base/java.lang=ALL-UNNAMED (e.g. in the command that starts Weka),"
          + " then check again.\n" + found);
    }
    if (p.driverVersion() == null) {
      return new Diagnosis(Cause.NO_DRIVER, header + "no NVIDIA driver is loaded (no /proc/driver/nvidia/version)."
          + " Install the NVIDIA driver (>= " + DRIVER_FOR_CUDA + " for CUDA " + CUDA_VERSION + ") and check that"
          + " nvidia-smi lists the GPU.\n" + found);
    }
    if (compareVersions(p.driverVersion(), MIN_DRIVER_CUDA11) < 0) {
      return new Diagnosis(Cause.DRIVER_TOO_OLD, header + "the NVIDIA driver " + p.driverVersion()
          + " is too old for CUDA " + CUDA_VERSION + " (needs >= " + DRIVER_FOR_CUDA + "; no CUDA 11 program runs"
          + " below " + MIN_DRIVER_CUDA11 + "). Update the driver.\n" + found);
    }
    if (p.deviceCount() != null && p.deviceCount() == 0) {
      return new Diagnosis(Cause.NO_DEVICE, header + "the NVIDIA driver " + p.driverVersion()
          + " is loaded but reports no GPU (check nvidia-smi, CUDA_VISIBLE_DEVICES, and the container's --gpus"
          + " option).\n" + found);
    }
    if (p.cudartFound().isEmpty()) {
      return new Diagnosis(Cause.CUDART_MISSING, header + "no CUDA runtime library (libcudart.so.11*) was found."
          + " Install the CUDA " + CUDA_VERSION + " toolkit (or its runtime libraries: cudart, cublas, cusolver,"
          + " curand, cusparse; cuDNN " + CUDNN_VERSION + " optional) and add its lib64 folder to LD_LIBRARY_PATH.\n"
          + found);
    }
    if (p.cudartFound().stream().noneMatch(CudaDiagnosis::isCuda11Runtime)) {
      return new Diagnosis(Cause.CUDART_MISMATCH, header + "only CUDA runtimes of another version were found ("
          + String.join(", ", p.cudartFound()) + "); ND4J 1.0.0-M2.1 needs CUDA " + CUDA_VERSION + " (libcudart.so.11*)."
          + " Install CUDA " + CUDA_VERSION + " beside it and put its lib64 folder first in LD_LIBRARY_PATH.\n" + found);
    }
    String error = p.loadError() == null || p.loadError().isBlank() ? "(ND4J gave no message)" : p.loadError();
    return new Diagnosis(Cause.LOAD_FAILED, header + "ND4J could not load it: " + error + "\n"
        + "Check that the installed CUDA is " + CUDA_VERSION + " (not 11.x with x < 6 missing symbols) and that"
        + " cublas, cusolver, curand and cusparse of the same version are on LD_LIBRARY_PATH.\n" + found);
  }

  /** Whether a library file name is a CUDA 11 runtime, e.g. {@code libcudart.so.11.0} or {@code cudart64_110.dll}. */
  static boolean isCuda11Runtime(String fileName) {
    return fileName.matches("libcudart\\.so\\.11(\\..*)?") || fileName.matches("cudart64_11\\d*\\.dll");
  }

  /** Compares dotted numeric versions ("510.39.01" vs "450.80.02"); non-numeric parts count as 0. */
  static int compareVersions(String a, String b) {
    String[] x = a.trim().split("\\.");
    String[] y = b.trim().split("\\.");
    for (int i = 0; i < Math.max(x.length, y.length); i++) {
      int c = Integer.compare(part(x, i), part(y, i));
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }

  private static int part(String[] parts, int i) {
    if (i >= parts.length) {
      return 0;
    }
    try {
      return Integer.parseInt(parts[i].replaceAll("\\D.*", ""));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static String found(CudaProbe p) {
    StringBuilder sb = new StringBuilder("Found: ");
    sb.append("backend ").append(p.backendChosen());
    sb.append("; CUDA backend jars ").append(p.cudaBackendOnClassPath() ? "present" : "absent");
    sb.append("; driver ").append(p.driverVersion() == null ? "none" : p.driverVersion());
    sb.append("; GPUs ").append(p.deviceCount() == null ? "unknown" : p.deviceCount());
    List<String> rt = p.cudartFound();
    sb.append("; CUDA runtime ").append(rt.isEmpty() ? "not found" : String.join(", ", rt));
    sb.append(".\nNeeded: CUDA ").append(CUDA_VERSION).append(" runtime, NVIDIA driver >= ").append(DRIVER_FOR_CUDA)
        .append(", cuDNN ").append(CUDNN_VERSION).append(" (optional).\n");
    return sb.toString();
  }
}

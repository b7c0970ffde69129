// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.nd4j;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.nd4j.linalg.factory.Nd4j;

/**
 * What this machine offers the CUDA backend, as found by {@link #collect()}; {@link CudaDiagnosis#explain} turns it
 * into the explanation users see.
 *
 * @param cudaBackendOnClassPath whether ND4J's CUDA backend class ({@value #CUDA_BACKEND_CLASS}) can be loaded
 * @param driverVersion the NVIDIA kernel driver's version, or null when none is loaded
 * @param deviceCount the GPUs the driver lists, or null when unknown
 * @param cudartFound file names of CUDA runtime libraries found on the library path (may be empty)
 * @param backendChosen the class name of the backend ND4J chose
 * @param loadError the CUDA backend's own error when ND4J skipped it, or null
 * @param cpuForced whether BACKEND_PRIORITY_CPU / BACKEND_PRIORITY_GPU put the CPU first
 * @param searchedPaths the folders searched for the CUDA runtime (for the report)
 * @param unusedAddon why an installed overparamCUDA add-on is not used (a version mismatch), or null
 */
public record CudaProbe(boolean cudaBackendOnClassPath, String driverVersion, Integer deviceCount,
                        List<String> cudartFound, String backendChosen, String loadError, boolean cpuForced,
                        List<String> searchedPaths, String unusedAddon) {
  /** ND4J's CUDA backend, in nd4j-cuda-11.6. */
  public static final String CUDA_BACKEND_CLASS = "org.nd4j.linalg.jcublas.JCublasBackend";

  private static final Pattern DRIVER = Pattern.compile("Kernel Module\\s+(?:for\\s+\\S+\\s+)?(\\d+(?:\\.\\d+)+)");

  public CudaProbe {
    if (deviceCount != null && deviceCount < 0) {
      throw new IllegalArgumentException("deviceCount must be >= 0 or null, got " + deviceCount);
    }
    cudartFound = List.copyOf(Objects.requireNonNull(cudartFound, "cudartFound"));
    searchedPaths = List.copyOf(Objects.requireNonNull(searchedPaths, "searchedPaths"));
    Objects.requireNonNull(backendChosen, "backendChosen");
  }

  /** Whether ND4J chose its CUDA backend. */
  public boolean cudaChosen() {
    return backendChosen.contains("jcublas") || backendChosen.endsWith("JCublasBackend");
  }

  /** Probes this machine and ND4J (initialises ND4J if needed). */
  public static CudaProbe collect() {
    return Dl4jRuntime.call(() -> {
      String chosen = Nd4j.getBackend().getClass().getName();
      ClassLoader loader = Thread.currentThread().getContextClassLoader();
      boolean jar = classPresent(loader);
      Path proc = Path.of("/proc/driver/nvidia");
      String driver = readDriverVersion(proc.resolve("version"));
      Integer devices = countDevices(proc.resolve("gpus"), driver != null);
      List<Path> dirs = libraryDirs(System.getenv());
      List<String> cudart = findCudart(dirs);
      String error = jar && !chosen.endsWith("JCublasBackend") ? cudaLoadError(loader) : null;
      return new CudaProbe(jar, driver, devices, cudart, chosen, error, cpuForced(System.getenv()),
          dirs.stream().map(Path::toString).toList(), AddonClassLoader.unusedAddonReason());
    });
  }

  private static boolean classPresent(ClassLoader loader) {
    try {
      Class.forName(CUDA_BACKEND_CLASS, false, loader);
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  /**
   * Asks the CUDA backend again why it is unavailable: ND4J only logs this message ("Skipped [JCublasBackend]
   * backend (unavailable): ...") and does not keep it.
   */
  static String cudaLoadError(ClassLoader loader) {
    try {
      Object backend = Class.forName(CUDA_BACKEND_CLASS, true, loader).getConstructor().newInstance();
      Object ok = backend.getClass().getMethod("isAvailable").invoke(backend);
      return Boolean.TRUE.equals(ok) ? null : "isAvailable() returned false";
    } catch (java.lang.reflect.InvocationTargetException e) {
      return chain(e.getCause());
    } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
      return chain(e);
    }
  }

  /** The messages of a throwable and its causes, e.g. "UnsatisfiedLinkError: no jnicudart ... <- ...". */
  static String chain(Throwable t) {
    StringBuilder sb = new StringBuilder();
    for (Throwable c = t; c != null && sb.length() < 600; c = c.getCause() == c ? null : c.getCause()) {
      if (sb.length() > 0) {
        sb.append(" <- ");
      }
      sb.append(c.getClass().getSimpleName()).append(": ").append(c.getMessage());
    }
    return sb.toString();
  }

  /** The driver version in the text of /proc/driver/nvidia/version, or null. */
  static String parseDriverVersion(String procText) {
    if (procText == null) {
      return null;
    }
    Matcher m = DRIVER.matcher(procText);
    return m.find() ? m.group(1) : null;
  }

  private static String readDriverVersion(Path file) {
    try {
      return Files.isReadable(file) ? parseDriverVersion(Files.readString(file)) : null;
    } catch (IOException e) {
      return null;
    }
  }

  /** The number of entries under /proc/driver/nvidia/gpus, or null when unknown (no driver or unreadable). */
  private static Integer countDevices(Path gpus, boolean driverLoaded) {
    if (!driverLoaded || !Files.isDirectory(gpus)) {
      return driverLoaded ? null : 0;
    }
    try (Stream<Path> s = Files.list(gpus)) {
      return (int) s.count();
    } catch (IOException e) {
      return null;
    }
  }

  /** Folders where the dynamic linker or JavaCPP may find the CUDA runtime, in search order, existing ones only. */
  static List<Path> libraryDirs(Map<String, String> env) {
    Set<String> dirs = new LinkedHashSet<>();
    String ld = env.get("LD_LIBRARY_PATH");
    if (ld != null) {
      for (String d : ld.split(java.io.File.pathSeparator)) {
        if (!d.isBlank()) {
          dirs.add(d);
        }
      }
    }
    for (String var : new String[] {"CUDA_PATH", "CUDA_HOME"}) {
      String v = env.get(var);
      if (v != null && !v.isBlank()) {
        dirs.add(Path.of(v, "lib64").toString());
        dirs.add(Path.of(v, "bin").toString());
      }
    }
    dirs.add("/usr/local/cuda/lib64");
    dirs.add("/usr/local/cuda-" + CudaDiagnosis.CUDA_VERSION + "/lib64");
    dirs.add("/usr/lib/x86_64-linux-gnu");
    dirs.add("/usr/lib64");
    List<Path> out = new ArrayList<>();
    for (String d : dirs) {
      Path p = Path.of(d);
      if (Files.isDirectory(p)) {
        out.add(p);
      }
    }
    return out;
  }

  /** File names of CUDA runtime libraries (libcudart.so.N*, cudart64_N*.dll) in the given folders. */
  static List<String> findCudart(List<Path> dirs) {
    Set<String> names = new LinkedHashSet<>();
    for (Path d : dirs) {
      try (Stream<Path> s = Files.list(d)) {
        s.map(p -> p.getFileName().toString())
            .filter(n -> n.matches("libcudart\\.so\\.\\d+.*") || n.matches("cudart64_\\d+\\.dll"))
            .sorted()
            .forEach(names::add);
      } catch (IOException | RuntimeException e) {
        // an unreadable folder is not an error here: the report lists the folders searched
      }
    }
    return List.copyOf(names);
  }

  /** ND4J's own rule: the backend with the higher priority (CPU 0, GPU 100 unless the variables say otherwise) wins. */
  static boolean cpuForced(Map<String, String> env) {
    return priority(env.get("BACKEND_PRIORITY_CPU"), 0) > priority(env.get("BACKEND_PRIORITY_GPU"), 100);
  }

  private static int priority(String value, int fallback) {
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      return fallback;
    }
  }
}

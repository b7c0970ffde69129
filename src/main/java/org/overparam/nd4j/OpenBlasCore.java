// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.nd4j;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.javacpp.Pointer;

/**
 * Lets OpenBLAS use the vector instructions the CPU has. OpenBLAS 0.3.21 (shipped with this package) chooses its
 * kernels by CPU model once, when it is loaded; Intel models from 0xB0 on (e.g. 5th-generation Xeon "Emerald
 * Rapids", model 0xCF, or Arrow Lake) fall through its model table to its Pentium 4 ("Prescott", SSE3) kernels,
 * whose matrix products ran 4x slower than the AVX-512 ones on such a Xeon. Before ND4J first loads OpenBLAS
 * ({@link Dl4jRuntime}), {@link #chooseBeforeLoad()} sets {@code OPENBLAS_CORETYPE} for those CPUs only, and only where
 * the user has not set it, to the kernels of the CPU's widest vector instructions, as OpenBLAS itself does for a
 * model it does not know. Linux only (its CPU flags and {@code setenv}); elsewhere OpenBLAS chooses alone.
 */
public final class OpenBlasCore {
  static final String VARIABLE = "OPENBLAS_CORETYPE";
  /** OpenBLAS's kernel tables that {@link #activeKernels()} recognises, by their symbol suffix. */
  private static final List<String> TABLES = List.of("PRESCOTT", "NEHALEM", "CORE2", "PENRYN", "DUNNINGTON", "ATOM",
      "SANDYBRIDGE", "HASWELL", "SKYLAKEX", "COOPERLAKE", "SAPPHIRERAPIDS", "ZEN", "BARCELONA", "BULLDOZER",
      "PILEDRIVER", "STEAMROLLER", "EXCAVATOR", "OPTERON", "OPTERON_SSE3", "BOBCAT", "NANO", "KATMAI");

  /** What {@link #chooseBeforeLoad()} did, for the backend report; null before it ran. */
  private static volatile String decision;

  private OpenBlasCore() {}

  /**
   * The kernel type for a CPU that OpenBLAS 0.3.21 mistakes for a Pentium 4, or null where it chooses well.
   *
   * @param model the full model number (extended model · 16 + model), as /proc/cpuinfo gives it
   */
  static String coreTypeFor(String vendor, int family, int model, Set<String> flags) {
    if (!"GenuineIntel".equals(vendor) || family != 6 || model < 0xB0) {
      return null; // OpenBLAS 0.3.21 knows the model, or picks by instruction set where it does not
    }
    if (flags.containsAll(Set.of("avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl"))) {
      return "SkylakeX";
    }
    if (flags.containsAll(Set.of("avx2", "fma"))) {
      return "Haswell";
    }
    return flags.contains("avx") ? "Sandybridge" : null;
  }

  /** {@link #coreTypeFor} of the first processor in a /proc/cpuinfo text, or null where a field is missing. */
  static String coreTypeFor(List<String> cpuinfo) {
    String vendor = null;
    Integer family = null;
    Integer model = null;
    Set<String> flags = null;
    for (String line : cpuinfo) {
      int colon = line.indexOf(':');
      if (line.isBlank() && vendor != null) {
        break; // the first processor's block has ended
      }
      if (colon < 0) {
        continue;
      }
      String key = line.substring(0, colon).trim();
      String value = line.substring(colon + 1).trim();
      try {
        switch (key) {
          case "vendor_id" -> vendor = value;
          case "cpu family" -> family = Integer.parseInt(value);
          case "model" -> model = Integer.parseInt(value);
          case "flags" -> flags = new HashSet<>(List.of(value.split("\\s+")));
          default -> { }
        }
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return vendor == null || family == null || model == null || flags == null ? null
        : coreTypeFor(vendor, family, model, flags);
  }

  /**
   * Sets {@code OPENBLAS_CORETYPE} where {@link #coreTypeFor} names kernels, once per JVM; must run before OpenBLAS
   * is loaded to take effect. Never fails: where it cannot, OpenBLAS chooses alone, and the report says why.
   */
  static synchronized void chooseBeforeLoad() {
    if (decision == null) {
      decision = choose();
    }
  }

  private static String choose() {
    if (System.getenv(VARIABLE) != null) {
      return "from the environment";
    }
    String core;
    try {
      core = recommended();
    } catch (IOException | RuntimeException e) {
      return "chosen by OpenBLAS (/proc/cpuinfo unreadable: " + e + ")";
    }
    if (core == null) {
      return "chosen by OpenBLAS";
    }
    try {
      if (Loader.addressof("gotoblas") != null) {
        return "chosen by OpenBLAS, which was loaded before this package; " + VARIABLE + "=" + core
            + " would use the CPU's vector instructions";
      }
      Loader.load(org.bytedeco.systems.global.linux.class);
      if (org.bytedeco.systems.global.linux.setenv(VARIABLE, core, 0) != 0) {
        return "chosen by OpenBLAS (setting " + VARIABLE + " failed)";
      }
      return core + ", set by overparam: OpenBLAS 0.3.21 takes this CPU for a Pentium 4";
    } catch (RuntimeException | LinkageError e) {
      return "chosen by OpenBLAS (could not set " + VARIABLE + "=" + core + ": " + e + ")";
    }
  }

  /**
   * The kernel type this machine's CPU needs set ({@link #coreTypeFor}), or null where OpenBLAS chooses well or
   * where this is not Linux on x86-64.
   */
  public static String recommended() throws IOException {
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    String arch = System.getProperty("os.arch", "");
    if (!os.startsWith("linux") || !(arch.equals("amd64") || arch.equals("x86_64"))) {
      return null;
    }
    return coreTypeFor(Files.readAllLines(Path.of("/proc/cpuinfo")));
  }

  /**
   * The kernels OpenBLAS runs and how they were chosen, e.g. "SKYLAKEX (SkylakeX, set by overparam: ...)"; Java's
   * {@code System.getenv} does not see a variable set while the JVM runs, so reports ask here.
   */
  public static String describe() {
    String how = decision;
    return activeKernels() + " (" + (how == null ? "chosen by OpenBLAS" : how) + ")";
  }

  /**
   * The kernel table OpenBLAS runs (e.g. "SKYLAKEX"), read from its {@code gotoblas} pointer; "unknown" where
   * OpenBLAS is not loaded or was built for one CPU only.
   */
  public static String activeKernels() {
    try {
      Pointer at = Loader.addressof("gotoblas");
      if (at == null) {
        return "unknown";
      }
      long table = new LongPointer(at).get();
      for (String name : TABLES) {
        Pointer p = Loader.addressof("gotoblas_" + name);
        if (p != null && p.address() == table) {
          return name;
        }
      }
      return "unknown";
    } catch (RuntimeException | LinkageError e) {
      return "unknown";
    }
  }
}

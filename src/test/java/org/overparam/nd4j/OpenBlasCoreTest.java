// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class OpenBlasCoreTest {
  private static final Set<String> AVX512 = Set.of("sse3", "avx", "avx2", "fma", "avx512f", "avx512cd", "avx512bw",
      "avx512dq", "avx512vl", "avx512_bf16");
  private static final Set<String> AVX2 = Set.of("sse3", "avx", "avx2", "fma");

  @Test
  void intelModelsPastOpenBlasTableGetTheirVectorKernels() {
    assertEquals("SkylakeX", OpenBlasCore.coreTypeFor("GenuineIntel", 6, 0xCF, AVX512)); // Emerald Rapids
    assertEquals("Haswell", OpenBlasCore.coreTypeFor("GenuineIntel", 6, 0xC6, AVX2)); // Arrow Lake
    assertEquals("Sandybridge", OpenBlasCore.coreTypeFor("GenuineIntel", 6, 0xB7, Set.of("sse3", "avx")));
    assertNull(OpenBlasCore.coreTypeFor("GenuineIntel", 6, 0xB7, Set.of("sse3")), "nothing better than SSE3");
  }

  @Test
  void cpusOpenBlasKnowsOrPicksByFeaturesAreLeftAlone() {
    assertNull(OpenBlasCore.coreTypeFor("GenuineIntel", 6, 0x8F, AVX512)); // Sapphire Rapids: in its table
    assertNull(OpenBlasCore.coreTypeFor("GenuineIntel", 6, 0xAD, AVX512)); // Granite Rapids: picked by features
    assertNull(OpenBlasCore.coreTypeFor("AuthenticAMD", 26, 0x11, AVX512)); // Zen 5: picked by features
    assertNull(OpenBlasCore.coreTypeFor("AuthenticAMD", 25, 0x11, AVX512));
  }

  @Test
  void readsTheFirstProcessorOfCpuinfo() {
    List<String> two = List.of("processor\t: 0", "vendor_id\t: GenuineIntel", "cpu family\t: 6", "model\t\t: 207",
        "model name\t: Intel(R) Xeon(R) Processor", "flags\t\t: fpu sse3 avx avx2 fma avx512f avx512cd avx512bw "
            + "avx512dq avx512vl", "", "processor\t: 1", "vendor_id\t: AuthenticAMD", "cpu family\t: 25",
        "model\t\t: 1", "flags\t\t: fpu");
    assertEquals("SkylakeX", OpenBlasCore.coreTypeFor(two));
    assertNull(OpenBlasCore.coreTypeFor(List.of("vendor_id : GenuineIntel", "cpu family : 6", "model : 207")),
        "no flags line: nothing is set");
    assertNull(OpenBlasCore.coreTypeFor(List.of("vendor_id : GenuineIntel", "cpu family : 6", "model : x",
        "flags : avx2 fma")), "an unreadable model: nothing is set");
  }

  /** This JVM too ({@link TestJvmBlasKernels}): the tests run the kernels a user gets, whichever loaded ND4J first. */
  @Test
  void theTestJvmRunsTheKernelsUsersGet() throws Exception {
    String core = OpenBlasCore.recommended();
    assumeTrue(core != null && System.getenv(OpenBlasCore.VARIABLE) == null, "OpenBLAS chooses alone here");
    Dl4jRuntime.call(() -> org.nd4j.linalg.factory.Nd4j.create(1));
    assertEquals(core.toUpperCase(java.util.Locale.ROOT), OpenBlasCore.activeKernels(), OpenBlasCore.describe());
  }

  /**
   * A fresh JVM without OPENBLAS_CORETYPE, as a Weka user starts one: once ND4J has loaded OpenBLAS through this
   * package, OpenBLAS runs vector kernels wherever the CPU has AVX2 (OpenBLAS 0.3.21 alone ran its SSE3 kernels on an
   * Intel Xeon model 207, 4x slower), and the report says how they were chosen.
   */
  @Test
  void aFreshJvmRunsTheCpusVectorKernels() throws Exception {
    assumeTrue(System.getProperty("os.name").startsWith("Linux") && Files.isReadable(Path.of("/proc/cpuinfo")));
    String cpuinfo = Files.readString(Path.of("/proc/cpuinfo"));
    assumeTrue(cpuinfo.matches("(?s).*\\bflags\\s*:[^\\n]*\\bavx2\\b.*"), "a CPU without AVX2");
    ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
        System.getProperty("java.class.path"), "weka.overparam.OverparamBackendInfo");
    pb.environment().remove(OpenBlasCore.VARIABLE);
    pb.redirectErrorStream(true);
    File log = File.createTempFile("backend-info", ".txt");
    log.deleteOnExit();
    pb.redirectOutput(log);
    Process p = pb.start();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the backend report did not finish");
    String out = Files.readString(log.toPath(), StandardCharsets.UTF_8);
    String line = out.lines().filter(l -> l.startsWith("OpenBLAS kernels:")).findFirst().orElse("");
    assertFalse(line.isEmpty(), "no kernels line in:\n" + out);
    String kernels = line.substring("OpenBLAS kernels:".length()).trim().split(" ")[0];
    assertFalse(Set.of("PRESCOTT", "NEHALEM", "CORE2", "PENRYN", "DUNNINGTON", "ATOM", "KATMAI", "unknown")
        .contains(kernels), "OpenBLAS runs " + kernels + " kernels on a CPU with AVX2: " + line);
    if (OpenBlasCore.recommended() != null) {
      assertTrue(line.contains("set by overparam"), line);
    }
  }
}

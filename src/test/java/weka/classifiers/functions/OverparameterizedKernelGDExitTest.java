// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package weka.classifiers.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Exit during the eigendecomposition, in a fresh JVM, after a Stop or without one: the exit waits for the LAPACK
 * call instead of freeing OpenBLAS's buffers under it. Before, such an exit crashed the JVM (SIGSEGV in OpenBLAS) in
 * 3 of 8 runs after a Stop and 2 of 8 without one, on the 2-core test machine.
 */
class OverparameterizedKernelGDExitTest {
  @ParameterizedTest
  @ValueSource(ints = {900, 1200})
  void quittingAfterAStopDuringTheEigendecompositionExitsCleanly(int stopAfterMillis, @TempDir Path dir)
      throws Exception {
    String out = exitCleanly(dir, String.valueOf(stopAfterMillis));
    assertTrue(out.contains("eigendecomposition abandoned"), "the stop must come during the eigendecomposition:\n" + out);
  }

  @Test
  void quittingDuringTheEigendecompositionExitsCleanly(@TempDir Path dir) throws Exception {
    exitCleanly(dir, "1000", "no-stop");
  }

  /** Runs {@link ExitDuringEigendecomposition}; checks exit status 0, no fatal error, no hs_err file; its output. */
  private static String exitCleanly(Path dir, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), ExitDuringEigendecomposition.class.getName()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.directory(dir.toFile()); // where a crash would leave its hs_err file
    pb.redirectErrorStream(true);
    File log = dir.resolve("out.txt").toFile();
    pb.redirectOutput(log);
    Process p = pb.start();
    assertTrue(p.waitFor(180, TimeUnit.SECONDS), "the JVM did not exit");
    String out = Files.readString(log.toPath(), StandardCharsets.UTF_8);
    assertFalse(out.contains("fatal error") || out.contains("SIGSEGV"), out);
    try (var files = Files.list(dir)) {
      assertFalse(files.anyMatch(f -> f.getFileName().toString().startsWith("hs_err")), "a JVM crash file");
    }
    assertEquals(0, p.exitValue(), out);
    return out;
  }
}

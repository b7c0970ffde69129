// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The seam points down: the engine and the ND4J runtime import no training method (ITOP, SOP+,
 * MinDiff, streaming), and the methods ITOP and streaming import no ND4J type.
 */
class EngineImportsTest {
  private static final Path MAIN = Path.of("src/main/java/org/overparam");

  @Test
  void engineImportsNoMethod() throws IOException {
    Pattern method = Pattern.compile("^import (static )?org\\.overparam\\.(itop|sop|mindiff|stream)\\.", Pattern.MULTILINE);
    assertEquals(List.of(), offenders(List.of("engine", "nd4j"), method));
  }

  @Test
  void itopAndStreamImportNoNd4j() throws IOException {
    Pattern nd4j = Pattern.compile("^import (static )?org\\.(nd4j|deeplearning4j)\\.", Pattern.MULTILINE);
    assertEquals(List.of(), offenders(List.of("itop", "stream"), nd4j));
  }

  private static List<String> offenders(List<String> packages, Pattern forbidden) throws IOException {
    List<String> found = new java.util.ArrayList<>();
    for (String pkg : packages) {
      try (Stream<Path> files = Files.list(MAIN.resolve(pkg))) {
        for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
          if (forbidden.matcher(Files.readString(f)).find()) {
            found.add(f.toString());
          }
        }
      }
    }
    return found;
  }
}

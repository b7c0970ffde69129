// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The algorithm cores stay Weka-free: nothing under org.overparam imports weka.*. */
class ArchitectureTest {
  @Test
  void coreDoesNotImportWeka() throws IOException {
    Path core = Path.of("src/main/java/org/overparam");
    List<String> offenders;
    try (Stream<Path> files = Files.walk(core)) {
      offenders = files.filter(p -> p.toString().endsWith(".java")).filter(p -> {
        try {
          return Files.readAllLines(p).stream().anyMatch(l -> l.startsWith("import weka.")
              || l.startsWith("import static weka."));
        } catch (IOException e) {
          throw new IllegalStateException(e);
        }
      }).map(Path::toString).toList();
    }
    assertEquals(List.of(), offenders);
  }
}

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

/** Every Java source, main and test, starts with the package's licence header (LICENSE: GPL-3.0). */
class LicenceHeaderTest {
  static final String HEADER = "// SPDX-License-Identifier: GPL-3.0-or-later";

  @Test
  void everySourceFileNamesTheLicence() throws IOException {
    List<String> missing;
    try (Stream<Path> files = Files.walk(Path.of("src"))) {
      missing = files.filter(p -> p.toString().endsWith(".java")).filter(p -> !startsWithHeader(p))
          .map(Path::toString).sorted().toList();
    }
    assertEquals(List.of(), missing, "add the two header lines of any other source file to these");
  }

  private static boolean startsWithHeader(Path file) {
    try (Stream<String> lines = Files.lines(file)) {
      return lines.findFirst().orElse("").equals(HEADER);
    } catch (IOException e) {
      throw new IllegalStateException(file + ": " + e.getMessage(), e);
    }
  }
}

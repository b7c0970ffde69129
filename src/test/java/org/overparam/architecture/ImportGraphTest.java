// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import org.junit.jupiter.api.Test;

/** The layering rule of docs/architecture.md on the real classes, and that the rule can fail. */
class ImportGraphTest {
  private static final Path CLASSES = Paths.get("target/classes");
  private static final Path DOC = Paths.get("docs/architecture.md");

  @Test
  void mainClassesKeepTheLayers() {
    SortedMap<String, SortedSet<String>> deps = ImportGraph.readDependencies(CLASSES);
    assertTrue(deps.containsKey("org.overparam.common"), "jdeps found no org.overparam.common in " + CLASSES);
    List<String> problems = ImportGraph.violations(deps);
    assertTrue(problems.isEmpty(), "layering violations (docs/architecture.md):\n" + String.join("\n", problems));
  }

  @Test
  void docsShowTheCurrentGraph() throws IOException {
    String markdown = Files.readString(DOC, StandardCharsets.UTF_8);
    String expected = ImportGraph.generated(ImportGraph.readDependencies(CLASSES));
    assertEquals(expected, ImportGraph.currentGenerated(markdown),
        "docs/architecture.md is out of date: run src/test/scripts/import-graph.sh");
  }

  @Test
  void engineImportingAMethodFails() {
    Map<String, Set<String>> deps = Map.of(
        "org.overparam.nn", Set.of("org.overparam.itop", "org.overparam.common"),
        "org.overparam.itop", Set.of("org.overparam.nn"),
        "org.overparam.common", Set.of());
    assertEquals(List.of("org.overparam.nn -> org.overparam.itop: network engine must not depend on method cores"),
        ImportGraph.violations(deps));
  }

  @Test
  void coreImportingWekaFails() {
    Map<String, Set<String>> deps = Map.of(
        "org.overparam.gmm", Set.of("weka.core", "org.overparam.common"),
        "org.overparam.common", Set.of());
    assertEquals(List.of("org.overparam.gmm -> weka.core: a core package must not depend on Weka or MOA"),
        ImportGraph.violations(deps));
  }

  @Test
  void methodsStayApartUnlessAllowed() {
    Map<String, Set<String>> deps = Map.of(
        "org.overparam.sop", Set.of("org.overparam.mindiff"),
        "org.overparam.mindiff", Set.of(),
        "org.overparam.stream", Set.of("org.overparam.itop"),
        "org.overparam.itop", Set.of());
    List<String> problems = ImportGraph.violations(deps);
    assertEquals(1, problems.size(), problems.toString());
    assertTrue(problems.get(0).startsWith("org.overparam.sop -> org.overparam.mindiff"), problems.get(0));
  }

  @Test
  void newPackagesFailUntilClassified() {
    Map<String, Set<String>> deps = Map.of(
        "org.overparam.tensor", Set.of(),
        "org.overparam.nn.kernels", Set.of("org.overparam.nn"),
        "org.overparam.nn", Set.of("org.overparam.nn.kernels"));
    assertEquals(List.of("unclassified package org.overparam.tensor: add a row for it to ImportGraph.RULES"),
        ImportGraph.violations(deps));
    assertFalse(ImportGraph.mermaid(deps).isEmpty());
  }

  @Test
  void parsesJdepsPackageLines() {
    String text = String.join("\n",
        "classes -> java.base",
        "   org.overparam.kgd                                  -> java.util                          java.base",
        "   org.overparam.kgd                                  -> org.overparam.nn                   classes",
        "   weka.clusterers                                    -> weka.core                          not found");
    Map<String, SortedSet<String>> deps = ImportGraph.parseJdeps(text);
    assertEquals(Set.of("java.util", "org.overparam.nn"), deps.get("org.overparam.kgd"));
    assertEquals(Set.of("weka.core"), deps.get("weka.clusterers"));
  }
}

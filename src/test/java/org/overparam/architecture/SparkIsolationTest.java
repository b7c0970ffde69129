// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import org.junit.jupiter.api.Test;

/**
 * Spark is provided by a cluster, not by Weka: only weka.overparam.spark may refer to it (or to
 * Scala or Hadoop), so that every other class of the package jar loads without Spark.
 */
class SparkIsolationTest {
  static final String SPARK_PACKAGE = "weka.overparam.spark";

  @Test
  void onlyTheSparkPackageRefersToSpark() {
    SortedMap<String, SortedSet<String>> deps = ImportGraph.readDependencies(Path.of("target/classes"));
    assertTrue(deps.containsKey(SPARK_PACKAGE), "the Spark job is compiled");
    assertTrue(deps.get(SPARK_PACKAGE).stream().anyMatch(SparkIsolationTest::clusterOnly),
        "jdeps reports the Spark job's references to Spark: " + deps.get(SPARK_PACKAGE));
    List<String> offenders = deps.entrySet().stream()
        .filter(e -> !e.getKey().equals(SPARK_PACKAGE))
        .flatMap(e -> e.getValue().stream().filter(SparkIsolationTest::clusterOnly).map(t -> e.getKey() + " -> " + t))
        .toList();
    assertEquals(List.of(), offenders);
    assertTrue(deps.entrySet().stream().filter(e -> !e.getKey().equals(SPARK_PACKAGE)).map(Map.Entry::getValue)
        .noneMatch(t -> t.contains(SPARK_PACKAGE)), "nothing depends on the Spark job");
  }

  private static boolean clusterOnly(String pkg) {
    return pkg.startsWith("org.apache.spark") || pkg.startsWith("scala") || pkg.startsWith("org.apache.hadoop");
  }
}

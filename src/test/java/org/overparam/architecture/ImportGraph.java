// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.architecture;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.spi.ToolProvider;

/**
 * The package-level import graph of the compiled main classes, the layering rule it must obey, and
 * its Mermaid drawing in {@code docs/architecture.md}.
 *
 * <p>Dependencies come from {@code jdeps -verbose:package} on {@code target/classes}, so they are
 * what the bytecode really uses (imports used only by javadoc do not count). Every package of ours
 * must match a row of {@link #RULES}; a package that matches none is reported as unclassified, so
 * a new package fails the check until someone places it in a layer. The rule: a package may depend
 * on packages of a lower layer; within a layer only where {@link Layer#openInside()} says so or the
 * pair is in {@link #ALLOWED_INSIDE_LAYER}; no core package ({@code org.overparam.*}) may depend on
 * Weka or MOA.
 *
 * <p>Usage: {@code ImportGraph [classes dir] [markdown file]} (defaults {@code target/classes},
 * {@code docs/architecture.md}) rewrites the generated part of the markdown file and exits 1 when
 * the rule is broken. {@code src/test/scripts/import-graph.sh} builds and runs it.
 */
public final class ImportGraph {

  /** The layers, top (depends on everything below) to bottom. */
  public enum Layer {
    ADAPTER, METHOD, ENGINE, PLOT, COMMON;

    /** Height: an arrow must point to a lower rank, or stay inside one layer where allowed. */
    public int rank() {
      return switch (this) {
        case ADAPTER -> 3;
        case METHOD -> 2;
        case ENGINE, PLOT -> 1;
        case COMMON -> 0;
      };
    }

    /** Whether the packages of this layer may depend on each other freely. */
    public boolean openInside() {
      return this == ADAPTER || this == ENGINE;
    }

    /** The heading in the drawing. */
    public String title() {
      return switch (this) {
        case ADAPTER -> "Weka and MOA adapters";
        case METHOD -> "method cores";
        case ENGINE -> "network engine";
        case PLOT -> "plots";
        case COMMON -> "common";
      };
    }
  }

  /**
   * A row of the layer table: a package name, or a prefix ending in {@code .*} that also matches
   * the package itself and all its sub-packages.
   */
  public record Rule(String pattern, Layer layer, String holds) {
    boolean matches(String pkg) {
      if (pattern.endsWith(".*")) {
        String base = pattern.substring(0, pattern.length() - 2);
        return pkg.equals(base) || pkg.startsWith(base + ".");
      }
      return pkg.equals(pattern);
    }
  }

  /** The layer table. First match wins; add a row for every new package. */
  public static final List<Rule> RULES = List.of(
      new Rule("weka.classifiers.functions", Layer.ADAPTER, "the network and kernel-GD classifiers (Weka adapters)"),
      new Rule("weka.clusterers", Layer.ADAPTER, "OverparameterizedEM (Weka adapter)"),
      new Rule("weka.filters.supervised.attribute", Layer.ADAPTER, "the label-noise filter (Weka adapter)"),
      new Rule("weka.filters.supervised.instance", Layer.ADAPTER,
          "the filter that removes (or ranks) suspected label errors (Weka adapter of org.overparam.labels)"),
      new Rule("weka.overparam.spark", Layer.ADAPTER,
          "the over-parameterized EM as a Spark job (Spark provided by the cluster; nothing else refers to it)"),
      new Rule("weka.overparam.*", Layer.ADAPTER,
          "Weka-facing helpers: data conversion, options, fairness metric, command-line tools and studies"),
      new Rule("weka.gui.overparam", Layer.ADAPTER, "the Explorer's Training history tab"),
      new Rule("weka.knowledgeflow.steps", Layer.ADAPTER, "the KnowledgeFlow step that plots a training history"),
      new Rule("moa.classifiers.overparam", Layer.ADAPTER, "MOA stream learners"),
      new Rule("org.overparam.itop", Layer.METHOD, "ITOP dynamic sparse training: densities, masks, prune/regrow"),
      new Rule("org.overparam.sop", Layer.METHOD, "SOP training under label noise: loss, objective, noise report"),
      new Rule("org.overparam.mindiff", Layer.METHOD, "MinDiff: MMD penalty, objective, group rates, thresholds"),
      new Rule("org.overparam.gmm", Layer.METHOD, "Gaussian-mixture EM with known or re-estimated weights"),
      new Rule("org.overparam.kgd", Layer.METHOD, "over-parameterized kernel gradient descent"),
      new Rule("org.overparam.stream", Layer.METHOD, "networks trained on data streams"),
      new Rule("org.overparam.labels", Layer.METHOD,
          "finding wrong labels: confident learning, SOP combined with out-of-sample confidence, precision at k"),
      new Rule("org.overparam.nn.*", Layer.ENGINE,
          "networks: configuration, training loop, model, objective and hook interfaces"),
      new Rule("org.overparam.engine", Layer.ENGINE,
          "the dense and sparse step engines, update rules, activation kernels, native copies, the native kernels "
              + "of the sparse products and of prediction (C in src/main/c)"),
      new Rule("org.overparam.nd4j", Layer.ENGINE, "the ND4J runtime and backend report (also used by kgd)"),
      new Rule("org.overparam.plot", Layer.PLOT, "line plots of a training history (Java2D)"),
      new Rule("org.overparam.common", Layer.COMMON, "seeds, checks, progress listener, training history"));

  /** Arrows between two packages of a closed layer that are allowed all the same: "from -> to". */
  public static final Set<String> ALLOWED_INSIDE_LAYER = Set.of(
      "org.overparam.stream -> org.overparam.itop");

  /** Our core namespace: none of it may depend on Weka or MOA. */
  public static final String CORE = "org.overparam";

  static final String BEGIN = "<!-- import-graph:begin (generated by src/test/scripts/import-graph.sh) -->";
  static final String END = "<!-- import-graph:end -->";

  private ImportGraph() {
  }

  /** The layer table's row for a package, if any. */
  public static Optional<Rule> classify(String pkg) {
    return RULES.stream().filter(r -> r.matches(pkg)).findFirst();
  }

  /**
   * Package → packages it depends on, for every package of the classes in {@code classes}, from
   * jdeps. Same-package dependencies are left out.
   */
  public static SortedMap<String, SortedSet<String>> readDependencies(Path classes) {
    if (!Files.isDirectory(classes)) {
      throw new IllegalArgumentException(classes + " is not a directory; compile first (mvn -o -q compile)");
    }
    ToolProvider jdeps = ToolProvider.findFirst("jdeps")
        .orElseThrow(() -> new IllegalStateException("jdeps is not available; run with a full JDK 17"));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int rc = jdeps.run(new PrintWriter(out), new PrintWriter(err), "-verbose:package", classes.toString());
    if (rc != 0) {
      throw new IllegalStateException("jdeps failed (" + rc + "): " + err);
    }
    return parseJdeps(out.toString());
  }

  /** Parses the {@code from -> to location} lines of {@code jdeps -verbose:package}. */
  static SortedMap<String, SortedSet<String>> parseJdeps(String text) {
    SortedMap<String, SortedSet<String>> deps = new TreeMap<>();
    for (String line : text.split("\\R")) {
      if (!line.startsWith(" ")) {
        continue; // the summary lines "classes -> java.base"
      }
      String[] f = line.trim().split("\\s+");
      if (f.length >= 3 && f[1].equals("->")) {
        SortedSet<String> to = deps.computeIfAbsent(f[0], k -> new TreeSet<>());
        if (!f[2].equals(f[0])) {
          to.add(f[2]);
        }
      }
    }
    return deps;
  }

  /** Every break of the layering rule, one readable line each; empty when the graph is clean. */
  public static List<String> violations(Map<String, ? extends Set<String>> deps) {
    List<String> problems = new ArrayList<>();
    for (String from : deps.keySet()) {
      Optional<Rule> fromRule = classify(from);
      if (fromRule.isEmpty()) {
        problems.add("unclassified package " + from + ": add a row for it to ImportGraph.RULES");
        continue;
      }
      Layer a = fromRule.get().layer();
      for (String to : deps.get(from)) {
        boolean coreFrom = from.equals(CORE) || from.startsWith(CORE + ".");
        if (!deps.containsKey(to)) {
          if (coreFrom && (to.startsWith("weka.") || to.startsWith("moa."))) {
            problems.add(from + " -> " + to + ": a core package must not depend on Weka or MOA");
          }
          continue; // a library package
        }
        Optional<Rule> toRule = classify(to);
        if (toRule.isEmpty()) {
          continue; // reported as unclassified on its own
        }
        Layer b = toRule.get().layer();
        if (coreFrom && b == Layer.ADAPTER) {
          problems.add(from + " -> " + to + ": a core package must not depend on Weka or MOA");
        } else if (a.rank() < b.rank() || (a.rank() == b.rank() && a != b)) {
          problems.add(from + " -> " + to + ": " + a.title() + " must not depend on " + b.title());
        } else if (a == b && !a.openInside() && !ALLOWED_INSIDE_LAYER.contains(from + " -> " + to)) {
          problems.add(from + " -> " + to + ": two " + a.title() + " packages must not depend on each other"
              + " (or add the pair to ImportGraph.ALLOWED_INSIDE_LAYER)");
        }
      }
    }
    return problems;
  }

  /** The graph as a Mermaid flowchart: one box per layer, Weka and MOA as one external box each. */
  public static String mermaid(Map<String, ? extends Set<String>> deps) {
    StringBuilder sb = new StringBuilder("```mermaid\nflowchart TD\n");
    for (Layer layer : Layer.values()) {
      List<String> members = deps.keySet().stream()
          .filter(p -> classify(p).map(Rule::layer).orElse(null) == layer).toList();
      if (!members.isEmpty()) {
        sb.append("  subgraph ").append(layer.name()).append("[\"").append(layer.title()).append("\"]\n");
        members.forEach(p -> sb.append("    ").append(id(p)).append("[\"").append(p).append("\"]\n"));
        sb.append("  end\n");
      }
    }
    List<String> unclassified = deps.keySet().stream().filter(p -> classify(p).isEmpty()).toList();
    if (!unclassified.isEmpty()) {
      sb.append("  subgraph UNCLASSIFIED[\"unclassified\"]\n");
      unclassified.forEach(p -> sb.append("    ").append(id(p)).append("[\"").append(p).append("\"]\n"));
      sb.append("  end\n");
    }
    sb.append("  subgraph EXTERNAL[\"libraries\"]\n")
        .append("    weka_external[\"Weka 3.8 (weka.core, weka.classifiers, weka.gui, ...)\"]\n")
        .append("    moa_external[\"MOA (moa.core, moa.classifiers, ...)\"]\n")
        .append("  end\n");
    SortedSet<String> arrows = new TreeSet<>();
    for (String from : deps.keySet()) {
      for (String to : deps.get(from)) {
        if (deps.containsKey(to)) {
          arrows.add(id(from) + " --> " + id(to));
        } else if (to.startsWith("weka.")) {
          arrows.add(id(from) + " --> weka_external");
        } else if (to.startsWith("moa.")) {
          arrows.add(id(from) + " --> moa_external");
        }
      }
    }
    arrows.forEach(a -> sb.append("  ").append(a).append('\n'));
    return sb.append("```\n").toString();
  }

  /** The generated part of docs/architecture.md: the drawing, the table of packages, the check's verdict. */
  public static String generated(Map<String, ? extends Set<String>> deps) {
    StringBuilder sb = new StringBuilder(mermaid(deps)).append('\n');
    sb.append("| package | layer | holds |\n|---|---|---|\n");
    for (String p : deps.keySet()) {
      Optional<Rule> r = classify(p);
      sb.append("| `").append(p).append("` | ").append(r.map(x -> x.layer().title()).orElse("**unclassified**"))
          .append(" | ").append(r.map(Rule::holds).orElse("")).append(" |\n");
    }
    List<String> problems = violations(deps);
    sb.append('\n').append(problems.isEmpty() ? "Layering check: no violations.\n"
        : "Layering check: " + problems.size() + " violation(s):\n\n"
            + String.join("\n", problems.stream().map(s -> "- " + s).toList()) + "\n");
    return sb.toString();
  }

  /** The markdown text with its generated part replaced. */
  static String replaceGenerated(String markdown, String generated) {
    int b = markdown.indexOf(BEGIN);
    int e = markdown.indexOf(END);
    if (b < 0 || e < b) {
      throw new IllegalArgumentException("markers " + BEGIN + " ... " + END + " not found");
    }
    return markdown.substring(0, b + BEGIN.length()) + "\n" + generated + markdown.substring(e);
  }

  /** The generated part currently in the markdown text. */
  static String currentGenerated(String markdown) {
    int b = markdown.indexOf(BEGIN);
    int e = markdown.indexOf(END);
    return b < 0 || e < b ? "" : markdown.substring(b + BEGIN.length() + 1, e);
  }

  private static String id(String pkg) {
    return pkg.replace('.', '_');
  }

  public static void main(String[] args) throws IOException {
    Path classes = Paths.get(args.length > 0 ? args[0] : "target/classes");
    Path doc = Paths.get(args.length > 1 ? args[1] : "docs/architecture.md");
    SortedMap<String, SortedSet<String>> deps = readDependencies(classes);
    String markdown = Files.readString(doc, StandardCharsets.UTF_8);
    Files.writeString(doc, replaceGenerated(markdown, generated(deps)), StandardCharsets.UTF_8);
    System.out.println("wrote the import graph of " + deps.size() + " packages to " + doc);
    List<String> problems = violations(deps);
    problems.forEach(p -> System.err.println("layering: " + p));
    if (!problems.isEmpty()) {
      System.exit(1);
    }
  }
}

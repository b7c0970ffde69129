// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package weka.overparam.badinput;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The bad-input table: every learner, the filter, the tools and the stream learner's pieces given
 * wrong or unusual input. Each case must either stop with the named exception whose message names
 * the problem, or give a correct result; no case may print a stack trace. The outcome of every case
 * is written to {@code target/bad-input-report.md}.
 */
class BadInputSuiteTest {
  private static final List<String> REPORT = new ArrayList<>();

  static List<Case> allCases() {
    List<Case> all = new ArrayList<>();
    all.addAll(OptionCases.cases());
    all.addAll(ToolCases.cases());
    all.addAll(DataCases.cases());
    all.addAll(NumericCases.cases());
    all.addAll(HeaderCases.cases());
    all.addAll(TrainingCases.cases());
    Set<String> ids = new HashSet<>();
    for (Case c : all) {
      if (!ids.add(c.id())) {
        throw new IllegalStateException("duplicate case id " + c.id());
      }
    }
    return all;
  }

  @TestFactory
  Stream<DynamicTest> badInputTable() {
    return allCases().stream().map(c -> DynamicTest.dynamicTest(c.id(), () -> run(c)));
  }

  private static void run(Case c) {
    PrintStream err = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    String outcome;
    String problem;
    try (PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
      System.setErr(capture);
      String result = null;
      Throwable thrown = null;
      try {
        result = c.action().run();
      } catch (AssertionError e) {
        thrown = e;
      } catch (Throwable e) {
        thrown = e;
      } finally {
        System.setErr(err);
      }
      if (thrown instanceof AssertionError) {
        outcome = "wrong result: " + firstLine(thrown.getMessage());
        problem = outcome;
      } else if (thrown != null) {
        outcome = thrown.getClass().getSimpleName() + ": " + firstLine(thrown.getMessage());
        problem = c.expect().wantsError() ? c.expect().judge(thrown) : "unexpected " + outcome;
      } else {
        outcome = "result: " + result;
        problem = c.expect().wantsError() ? "no error (" + result + ")" : null;
      }
    }
    String stderr = captured.toString(StandardCharsets.UTF_8);
    if (stderr.contains("\tat ")) {
      outcome += " [printed a stack trace]";
      problem = problem == null ? "printed a stack trace" : problem;
    }
    REPORT.add("| " + c.id() + " | " + c.target() + " | " + cell(c.input()) + " | " + cell(c.expect().describe())
        + " | " + cell(outcome) + " | " + (problem == null ? "pass" : "FAIL") + " |");
    if (problem != null) {
      throw new AssertionError(c.id() + " (" + c.input() + "): " + problem + "\n  outcome: " + outcome
          + (stderr.isBlank() ? "" : "\n  stderr: " + stderr.strip()));
    }
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "(no message)";
    }
    String line = s.strip().lines().findFirst().orElse("");
    return line.length() > 200 ? line.substring(0, 200) + "..." : line;
  }

  private static String cell(String s) {
    return s.replace("|", "\\|").replace("\n", " ");
  }

  @AfterAll
  static void writeReport() throws IOException {
    List<String> lines = new ArrayList<>();
    lines.add("| case | target | input | expected | outcome | verdict |");
    lines.add("|---|---|---|---|---|---|");
    lines.addAll(REPORT);
    Path dir = Path.of("target");
    Files.createDirectories(dir);
    Files.write(dir.resolve("bad-input-report.md"), lines, StandardCharsets.UTF_8);
  }
}

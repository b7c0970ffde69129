// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package weka.knowledgeflow.steps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import weka.knowledgeflow.Flow;
import weka.knowledgeflow.FlowRunner;

/**
 * The example flow of docs/training-history.md, run headless by Weka's FlowRunner: ArffLoader, class
 * assigner, ItopSparseNetwork, TrainingHistoryPlotter, then ImageSaver and TextSaver (redirected to
 * a temporary folder).
 */
class TrainingHistoryFlowTest {

  @Test
  void theExampleFlowSavesThePlotsAndTheNumbers(@TempDir Path dir) throws Exception {
    Flow flow = Flow.loadFlow(new File("docs/flows/training-history.kf"), null);
    File png = dir.resolve("history.png").toFile();
    File text = dir.resolve("history.txt").toFile();
    ((ImageSaver) flow.findStep("ImageSaver").getManagedStep()).setFile(png);
    ((TextSaver) flow.findStep("TextSaver").getManagedStep()).setFile(text);

    FlowRunner runner = new FlowRunner();
    runner.setFlow(flow);
    runner.run();
    waitForTheSavers(runner, png, text);

    assertFalse(runner.wasStopped());
    assertEquals(1000, ImageIO.read(png).getWidth());
    String saved = Files.readString(text.toPath(), StandardCharsets.UTF_8);
    assertTrue(saved.contains("# Training\n") && saved.contains("epoch,loss/training"), saved);
    assertEquals(30 + 2, saved.lines().filter(l -> !l.isBlank()).count(), "title, header and one line per epoch");
  }

  /**
   * FlowRunner.waitUntilFinished samples the steps' busy flags, and Weka 3.8 hands data to the next
   * step through a thread pool: between one step's finished() and the next one's start no step is
   * busy, so on a loaded machine it can return before the savers have run (it did once in CI). A
   * saver is busy from before it creates its file until it has written it, so once both files exist
   * a second wait covers the writing.
   */
  private static void waitForTheSavers(FlowRunner runner, File png, File text) throws InterruptedException {
    runner.waitUntilFinished();
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    while (!(png.exists() && text.exists()) && !runner.wasStopped()) {
      assertTrue(System.nanoTime() < deadline, "the flow wrote no " + (png.exists() ? text : png) + " in 2 minutes");
      Thread.sleep(50);
    }
    runner.waitUntilFinished();
  }
}

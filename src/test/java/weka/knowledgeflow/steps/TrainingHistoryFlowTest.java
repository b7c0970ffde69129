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
    runner.waitUntilFinished();

    assertFalse(runner.wasStopped());
    assertEquals(1000, ImageIO.read(png).getWidth());
    String saved = Files.readString(text.toPath(), StandardCharsets.UTF_8);
    assertTrue(saved.contains("# Training\n") && saved.contains("epoch,loss/training"), saved);
    assertEquals(30 + 2, saved.lines().filter(l -> !l.isBlank()).count(), "title, header and one line per epoch");
  }
}

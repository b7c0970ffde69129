// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package weka.overparam;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.overparam.common.TrainingHistory;
import weka.classifiers.rules.ZeroR;
import weka.core.Instances;
import weka.core.SerializationHelper;

class TrainingHistoryExportTest {
  @TempDir Path dir;

  private String run(String... args) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    new TrainingHistoryExport().execute(args, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    return bytes.toString(StandardCharsets.UTF_8);
  }

  /** Saves a trained model with its header, as the Explorer's "Save model" does. */
  private String saved(Object model) throws Exception {
    Instances iris = TestData.arff("iris.arff");
    if (model instanceof weka.classifiers.Classifier c) {
      c.buildClassifier(iris);
    }
    String file = dir.resolve("m.model").toString();
    SerializationHelper.writeAll(file, new Object[] {model, new Instances(iris, 0)});
    return file;
  }

  @Test
  void csvOfEachHistoryParsesBackToTheSameNumbers() throws Exception {
    HistoryKeepingZeroR model = new HistoryKeepingZeroR();
    String out = run("-l", saved(model), "-csv", dir.resolve("h.csv").toString());
    Path main = dir.resolve("h.csv");
    Path bic = dir.resolve("h-bic-by-number-of-components.csv");
    assertTrue(out.contains("wrote " + main) && out.contains("wrote " + bic), out);
    List<TrainingHistory> expected = model.trainingHistory();
    assertParsesBackTo(expected.get(0), Files.readAllLines(main, StandardCharsets.UTF_8));
    assertParsesBackTo(expected.get(1), Files.readAllLines(bic, StandardCharsets.UTF_8));
  }

  @Test
  void exportsTheHistoryOfASavedNetwork() throws Exception {
    weka.classifiers.functions.ItopSparseNetwork itop = new weka.classifiers.functions.ItopSparseNetwork();
    itop.setOptions(weka.core.Utils.splitOptions("-epochs 3 -validation-fraction 0.2"));
    String file = saved(itop);
    Path csv = dir.resolve("itop.csv");
    Path png = dir.resolve("itop.png");
    run("-l", file, "-csv", csv.toString(), "-png", png.toString());
    TrainingHistory trained = itop.trainingHistory().get(0);
    assertEquals(3, trained.size());
    assertParsesBackTo(trained, Files.readAllLines(csv, StandardCharsets.UTF_8));
    assertEquals(1000, ImageIO.read(png.toFile()).getWidth());
  }

  private static void assertParsesBackTo(TrainingHistory h, List<String> lines) {
    String[] header = lines.get(0).split(",", -1);
    assertEquals(h.stepName(), header[0]);
    assertEquals(h.size() + 1, lines.size());
    double[][] parsed = new double[header.length][h.size()];
    for (int i = 0; i < h.size(); i++) {
      String[] cells = lines.get(i + 1).split(",", -1);
      for (int c = 0; c < header.length; c++) {
        parsed[c][i] = cells[c].isEmpty() ? Double.NaN : Double.parseDouble(cells[c]);
      }
    }
    assertArrayEquals(h.steps(), parsed[0]);
    for (int c = 1; c < header.length; c++) {
      assertArrayEquals(h.column(header[c]), parsed[c], 0.0, header[c]);
    }
  }

  @Test
  void pngHasTheRequestedSize() throws Exception {
    Path png = dir.resolve("h.png");
    run("-l", saved(new HistoryKeepingZeroR()), "-png", png.toString(), "-width", "640", "-height", "480");
    BufferedImage image = ImageIO.read(png.toFile());
    assertEquals(640, image.getWidth());
    assertEquals(480, image.getHeight());
    Path tall = dir.resolve("tall.png");
    run("-l", dir.resolve("m.model").toString(), "-png", tall.toString());
    assertEquals(1000, ImageIO.read(tall.toFile()).getWidth());
  }

  @Test
  void withoutOutputsItPrintsTheSummaries() throws Exception {
    String out = run("-l", saved(new HistoryKeepingZeroR()));
    assertTrue(out.contains("Training (HistoryKeepingZeroR) (12 epochs") && out.contains("BIC by number of components"), out);
  }

  @Test
  void badInputsSayWhatIsWrong() throws Exception {
    Path text = dir.resolve("notes.model");
    Files.writeString(text, "not a model");
    assertMessage("is not a model saved by Weka", "-l", text.toString());
    assertMessage("no such file", "-l", dir.resolve("missing.model").toString());
    assertMessage("keeps no training history", "-l", saved(new ZeroR()));
    String untrained = dir.resolve("untrained.model").toString();
    SerializationHelper.write(untrained, new HistoryKeepingZeroR());
    assertMessage("has not been trained", "-l", untrained);
    String model = saved(new HistoryKeepingZeroR());
    assertMessage("does not exist", "-l", model, "-png", dir.resolve("no/such/dir/h.png").toString());
    // a directory is refused before Java's PNG writer can print a stack trace of its own
    assertMessage("it is a directory", "-l", model, "-csv", dir.toString());
    assertMessage("it is a directory", "-l", model, "-png", dir.toString());
    assertMessage("it is a directory", "-l", dir.toString());
    assertMessage("-width", "-l", model, "-png", dir.resolve("x.png").toString(), "-width", "wide");
    assertMessage("unknown or repeated option(s): -x", "-l", model, "-x");
    assertMessage("missing option -l", "-csv", "h.csv");
  }

  private void assertMessage(String part, String... args) {
    Exception e = assertThrows(IllegalArgumentException.class, () -> run(args));
    assertTrue(e.getMessage().contains(part), "expected '" + part + "' in: " + e.getMessage());
  }

  @Test
  void theMainHistoryKeepsTheGivenNameAndTitlesThatCollideAreNumbered() {
    TrainingHistory a = HistoryKeepingZeroR.bic();
    List<Path> files = TrainingHistoryExport.csvFiles(Path.of("out", "run.csv"), List.of(HistoryKeepingZeroR.epochs(2), a, a));
    assertEquals(List.of(Path.of("out", "run.csv"), Path.of("out", "run-bic-by-number-of-components.csv"),
        Path.of("out", "run-bic-by-number-of-components-2.csv")), files);
  }
}

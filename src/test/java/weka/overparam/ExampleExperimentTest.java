// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package weka.overparam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.FileReader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import weka.core.Instances;
import weka.experiment.Experiment;
import weka.experiment.InstancesResultListener;
import weka.experiment.xml.XMLExperiment;

/** The shipped Experimenter configuration opens, is the one ExampleExperiment writes, and runs. */
class ExampleExperimentTest {
  static final File SHIPPED = new File("docs/experiments/compare-networks.xml");

  @Test
  void theShippedFileIsCurrent(@TempDir Path dir) throws Exception {
    File fresh = dir.resolve("fresh.xml").toFile();
    ExampleExperiment.main(new String[] {fresh.getPath()});
    assertEquals(Files.readString(fresh.toPath()), Files.readString(SHIPPED.toPath()),
        "rerun: java ... weka.overparam.ExampleExperiment " + SHIPPED);
  }

  @Test
  void itOpensAndRunsOneRepetition(@TempDir Path dir) throws Exception {
    Experiment exp = (Experiment) new XMLExperiment().read(SHIPPED);
    assertEquals(5, ((Object[]) exp.getPropertyArray()).length);
    assertEquals(2, exp.getDatasets().size());
    exp.setRunUpper(1);
    File results = dir.resolve("results.arff").toFile();
    ((InstancesResultListener) exp.getResultListener()).setOutputFile(results);
    exp.initialize();
    exp.runExperiment();
    exp.postProcess();
    Instances rows = new Instances(new FileReader(results));
    assertEquals(2 * 10 * 5, rows.numInstances(), "2 data sets x 10 folds x 5 schemes");
    int scheme = rows.attribute("Key_Scheme").index();
    int accuracy = rows.attribute("Percent_correct").index();
    for (int i = 0; i < rows.numInstances(); i++) {
      if (rows.instance(i).stringValue(scheme).endsWith("ItopSparseNetwork")) {
        assertTrue(rows.instance(i).value(accuracy) > 50, "a network above chance on iris/wine");
      }
    }
  }
}

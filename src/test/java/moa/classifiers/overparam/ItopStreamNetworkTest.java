// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package moa.classifiers.overparam;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.javacliparser.Option;
import com.yahoo.labs.samoa.instances.Attribute;
import com.yahoo.labs.samoa.instances.Instance;
import com.yahoo.labs.samoa.instances.Instances;
import com.yahoo.labs.samoa.instances.InstancesHeader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import moa.core.Measurement;
import moa.evaluation.preview.LearningCurve;
import moa.streams.ConceptDriftStream;
import moa.streams.generators.RandomRBFGenerator;
import moa.tasks.EvaluateModel;
import moa.tasks.EvaluatePrequential;
import moa.tasks.LearnModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The MOA adapter inside MOA's own machinery: prequential evaluation, options, measurements, errors. */
class ItopStreamNetworkTest {
  private static final String SMALL = "-h 16,16 -b 8 -i 5 -l 0.05";

  static ItopStreamNetwork learner(String options) {
    ItopStreamNetwork l = new ItopStreamNetwork();
    l.getOptions().setViaCLIString(options);
    l.prepareForUse();
    return l;
  }

  @Test
  void runsInEvaluatePrequentialFromTheCommandLineSyntax() {
    EvaluatePrequential task = new EvaluatePrequential();
    // The learner is named relative to moa.classifiers, as MOA users type it.
    task.getOptions().setViaCLIString("-l (overparam.ItopStreamNetwork " + SMALL + ") "
        + "-s (generators.RandomRBFGenerator -a 5 -n 10) -i 2000 -f 1000");
    task.prepareForUse();
    LearningCurve curve = (LearningCurve) task.doTask();
    assertEquals(2, curve.numEntries());
    // RandomRBF with 2 classes: majority is about 50-60%; the network must clearly learn.
    double last = lastAccuracy(curve);
    assertTrue(last > 70, "prequential accuracy (%) after 2000 instances: " + last);
  }

  /** The last entry's "classifications correct (percent)" of a MOA learning curve. */
  private static double lastAccuracy(LearningCurve curve) {
    for (int m = 0; m < curve.getMeasurementNameCount(); m++) {
      if (curve.getMeasurementName(m).startsWith("classifications correct")) {
        return curve.getMeasurement(curve.numEntries() - 1, m);
      }
    }
    throw new AssertionError("no accuracy in " + curve.headerToString());
  }

  @Test
  void seededStreamGivesIdenticalVotes() {
    double[][] a = votes(4);
    double[][] b = votes(4);
    for (int i = 0; i < a.length; i++) {
      assertArrayEquals(a[i], b[i], "instance " + i);
    }
  }

  private static double[][] votes(int seed) {
    ItopStreamNetwork l = learner(SMALL + " -r " + seed);
    RandomRBFGenerator stream = new RandomRBFGenerator();
    stream.prepareForUse();
    l.setModelContext(stream.getHeader());
    double[][] v = new double[400][];
    for (int i = 0; i < v.length; i++) {
      Instance inst = stream.nextInstance().getData();
      v[i] = l.getVotesForInstance(inst);
      l.trainOnInstance(inst);
    }
    return v;
  }

  @Test
  void votesAreEmptyBeforeTheFirstBatchAndMeasurementsAppearAfter() {
    ItopStreamNetwork l = learner(SMALL);
    RandomRBFGenerator stream = new RandomRBFGenerator();
    stream.prepareForUse();
    l.setModelContext(stream.getHeader());
    Instance first = stream.nextInstance().getData();
    assertEquals(0, l.getVotesForInstance(first).length);
    l.trainOnInstance(first);
    for (int i = 0; i < 8 * 20; i++) {
      l.trainOnInstance(stream.nextInstance().getData());
    }
    assertEquals(2, l.getVotesForInstance(first).length);
    Measurement[] m = l.getModelMeasurements();
    Measurement rs = Measurement.getMeasurementNamed("ITOP rate R_s", m);
    Measurement density = Measurement.getMeasurementNamed("density", m);
    assertNotNull(rs);
    assertEquals(0.1, density.getValue(), 0.01);
    assertTrue(rs.getValue() > density.getValue() && rs.getValue() <= 1, "R_s " + rs.getValue());
    assertEquals(20, Measurement.getMeasurementNamed("batches trained", m).getValue());
    assertEquals(4, Measurement.getMeasurementNamed("topology updates", m).getValue());
    StringBuilder description = new StringBuilder();
    l.getModelDescription(description, 0);
    assertTrue(description.toString().contains("ITOP rate R_s"), description.toString());
  }

  @Test
  void optionsRoundTripThroughTheCommandLine() {
    String cli = "-h 32 -a TANH -u ADAM -l 0.003 -m 0.5 -w 0.0 -b 16 -k 2 -s 0.8 -d UNIFORM -g GRADIENT -p 0.2 "
        + "-i 7 -f -o -c -x (ADWINChangeDetector -a 0.01) -q 0.7 -n 4 -r 9";
    ItopStreamNetwork a = learner(cli);
    String created = a.getCLICreationString(ItopStreamNetwork.class);
    ItopStreamNetwork b = new ItopStreamNetwork();
    b.getOptions().setViaCLIString(created.substring(created.indexOf(' ') + 1));
    b.prepareForUse();
    assertEquals(created, b.getCLICreationString(ItopStreamNetwork.class));
    assertEquals(a.streamConfig(), b.streamConfig());
    assertEquals(0.8, b.streamConfig().itop().sparsity());
    assertEquals(9, b.streamConfig().network().seed());
    assertEquals(2, b.streamConfig().stepsPerBatch());
  }

  @Test
  void optionCharactersAreUniqueAndLeaveRForTheSeed() {
    Set<Character> seen = new HashSet<>();
    for (Option o : new ItopStreamNetwork().getOptions().getOptionArray()) {
      assertTrue(seen.add(o.getCLIChar()), "duplicate option character -" + o.getCLIChar() + " (" + o.getName() + ")");
    }
    assertTrue(seen.contains('r'), "MOA's randomSeed");
  }

  @Test
  void badStreamsAreRejectedWithTheReason() {
    ItopStreamNetwork l = learner(SMALL);
    Instances numericClass = new Instances("numeric", List.of(new Attribute("x"), new Attribute("y")), 0);
    numericClass.setClassIndex(1);
    var e = assertThrows(IllegalArgumentException.class, () -> l.setModelContext(new InstancesHeader(numericClass)));
    assertTrue(e.getMessage().contains("numeric"), e.getMessage());
    Instances onlyClass = new Instances("empty", List.of(new Attribute("c", List.of("a", "b"))), 0);
    onlyClass.setClassIndex(0);
    e = assertThrows(IllegalArgumentException.class, () -> l.setModelContext(new InstancesHeader(onlyClass)));
    assertTrue(e.getMessage().contains("at least one attribute besides the class"), e.getMessage());
  }

  @Test
  void badOptionIsNamed() {
    ItopStreamNetwork l = learner("-h 16,x");
    var e = assertThrows(IllegalArgumentException.class, l::streamConfig);
    assertTrue(e.getMessage().contains("hiddenLayers (-h)"), e.getMessage());
  }

  @Test
  void driftCouplingTriggersATopologyUpdate() {
    // ΔT of 10^6 batches: every topology update in this run comes from a detected drift.
    ItopStreamNetwork l = learner("-h 16,16 -b 8 -l 0.05 -i 1000000 -c");
    ConceptDriftStream stream = new ConceptDriftStream();
    // STAGGER: concept 1 (small and red) flips abruptly to concept 3 (medium or large) at 1000.
    stream.getOptions().setViaCLIString("-s (generators.STAGGERGenerator -f 1) -d (generators.STAGGERGenerator -f 3) "
        + "-p 1000 -w 1");
    stream.prepareForUse();
    l.setModelContext(stream.getHeader());
    for (int i = 0; i < 2000; i++) {
      Instance inst = (Instance) stream.nextInstance().getData();
      l.getVotesForInstance(inst);
      l.trainOnInstance(inst);
    }
    Measurement[] m = l.getModelMeasurements();
    double drifts = Measurement.getMeasurementNamed("drifts signalled", m).getValue();
    double updates = Measurement.getMeasurementNamed("topology updates", m).getValue();
    assertTrue(drifts >= 1, "ADWIN should see the abrupt STAGGER drift at 1000");
    assertTrue(updates >= 1, "a drift forces a topology update");
    ItopStreamNetwork uncoupled = learner("-h 16,16 -b 8 -l 0.05 -i 1000000");
    ConceptDriftStream again = (ConceptDriftStream) stream.copy();
    again.restart();
    uncoupled.setModelContext(again.getHeader());
    for (int i = 0; i < 2000; i++) {
      uncoupled.trainOnInstance((Instance) again.nextInstance().getData());
    }
    assertEquals(0, Measurement.getMeasurementNamed("topology updates", uncoupled.getModelMeasurements()).getValue());
  }

  @Test
  void aModelSavedByLearnModelIsEvaluatedByEvaluateModel(@TempDir Path dir) {
    // MOA's own round trip: LearnModel writes the trained learner to a file, EvaluateModel reads it.
    Path model = dir.resolve("itop.moa");
    LearnModel learn = new LearnModel();
    learn.getOptions().setViaCLIString("-l (overparam.ItopStreamNetwork " + SMALL + ") "
        + "-s (generators.RandomRBFGenerator -a 5 -n 10) -m 3000 -O " + model);
    learn.prepareForUse();
    ItopStreamNetwork trained = (ItopStreamNetwork) learn.doTask();
    assertTrue(Files.isRegularFile(model), "LearnModel saved the model");

    EvaluateModel evaluate = new EvaluateModel();
    evaluate.getOptions().setViaCLIString("-m file:" + model + " -s (generators.RandomRBFGenerator -i 7 -a 5 -n 10) "
        + "-i 1000 -f 1000");
    evaluate.prepareForUse();
    double accuracy = lastAccuracy((LearningCurve) evaluate.doTask());
    assertTrue(accuracy > 70, "accuracy (%) of the saved model on 1000 new instances: " + accuracy);
    assertEquals(3000, Measurement.getMeasurementNamed("instances trained", trained.getModelMeasurements()).getValue());
  }

  @Test
  void aTrainedLearnerCopiesAndGoesOnLearningAsTheOriginal() {
    ItopStreamNetwork untrained = learner(SMALL + " -c");
    ItopStreamNetwork l = (ItopStreamNetwork) untrained.copy();
    assertEquals(untrained.getCLICreationString(ItopStreamNetwork.class), l.getCLICreationString(ItopStreamNetwork.class));
    RandomRBFGenerator stream = new RandomRBFGenerator();
    stream.prepareForUse();
    l.setModelContext(stream.getHeader());
    for (int i = 0; i < 1003; i++) { // a partly filled batch at the copy
      Instance inst = stream.nextInstance().getData();
      l.getVotesForInstance(inst);
      l.trainOnInstance(inst);
    }
    ItopStreamNetwork copy = (ItopStreamNetwork) l.copy(); // MOA copies by serialization
    for (int i = 0; i < 1000; i++) {
      Instance inst = stream.nextInstance().getData();
      assertArrayEquals(l.getVotesForInstance(inst), copy.getVotesForInstance(inst), "instance " + i);
      l.trainOnInstance(inst);
      copy.trainOnInstance(inst);
    }
    assertEquals(l.getModelMeasurements().length, copy.getModelMeasurements().length);
    for (int m = 0; m < l.getModelMeasurements().length; m++) {
      assertEquals(l.getModelMeasurements()[m].getValue(), copy.getModelMeasurements()[m].getValue(),
          l.getModelMeasurements()[m].getName());
    }
  }
}

// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
import java.rmi.Naming;
import java.util.Arrays;
import java.util.Random;

import weka.classifiers.AbstractClassifier;
import weka.classifiers.Classifier;
import weka.core.Instances;
import weka.core.SerializedObject;
import weka.core.Utils;
import weka.experiment.Compute;
import weka.experiment.Task;
import weka.experiment.TaskStatusInfo;

/**
 * Trained models across RMI, for src/test/scripts/remote-experiment.sh: a {@link Task} sent to a RemoteEngine
 * with a model trained on the client; the engine predicts with it, trains the same configuration itself and
 * sends that model and both sets of predictions back. The client checks that every prediction equals its own
 * (bit for bit). Models travel inside a {@link SerializedObject}, as Weka's RemoteExperimentSubTask sends its
 * experiment: SerializedObject resolves classes through Weka's package class loaders, while RMI's own
 * unmarshalling only sees the engine's class path ({@link #rawProbe} shows what happens without it).
 * The engine needs this class on its class path (the script puts it there).
 */
public class ModelRoundTrip implements Task {
  private static final long serialVersionUID = 1L;

  private final SerializedObject payload;
  private final TaskStatusInfo status = new TaskStatusInfo();

  ModelRoundTrip(SerializedObject payload) {
    this.payload = payload;
  }

  @Override
  public void execute() {
    try {
      Object[] in = (Object[]) payload.getObject();
      Instances train = (Instances) in[0];
      Instances test = (Instances) in[1];
      Classifier clientTrained = (Classifier) in[2];
      Classifier engineTrained = AbstractClassifier.makeCopy((Classifier) in[3]);
      engineTrained.buildClassifier(train);
      status.setTaskResult(new SerializedObject(
        new Object[] {engineTrained, predict(clientTrained, test), predict(engineTrained, test)}));
      status.setExecutionStatus(TaskStatusInfo.FINISHED);
      status.setStatusMessage("trained and predicted");
    } catch (Exception e) {
      status.setExecutionStatus(TaskStatusInfo.FAILED);
      status.setStatusMessage(e.toString());
    }
  }

  @Override
  public TaskStatusInfo getTaskStatus() {
    return status;
  }

  static double[][] predict(Classifier c, Instances test) throws Exception {
    double[][] out = new double[test.numInstances()][];
    for (int i = 0; i < out.length; i++) {
      out[i] = c.distributionForInstance(test.instance(i));
    }
    return out;
  }

  /** A task that carries the trained model as a plain field: RMI has to find its class on its own. */
  static final class RawTask implements Task {
    private static final long serialVersionUID = 1L;
    private final Classifier model;
    private final TaskStatusInfo status = new TaskStatusInfo();

    RawTask(Classifier model) {
      this.model = model;
    }

    @Override
    public void execute() {
      status.setExecutionStatus(TaskStatusInfo.FINISHED);
      status.setStatusMessage("received " + model.getClass().getName());
      status.setTaskResult(model);
    }

    @Override
    public TaskStatusInfo getTaskStatus() {
      return status;
    }
  }

  static TaskStatusInfo run(Compute engine, Task task, long timeoutMillis) throws Exception {
    Object id = engine.executeTask(task);
    long deadline = System.currentTimeMillis() + timeoutMillis;
    while (true) {
      Thread.sleep(250);
      TaskStatusInfo s = (TaskStatusInfo) engine.checkStatus(id);
      if (s.getExecutionStatus() == TaskStatusInfo.FINISHED || s.getExecutionStatus() == TaskStatusInfo.FAILED) {
        return s;
      }
      if (System.currentTimeMillis() > deadline) {
        throw new IllegalStateException("task did not finish in time");
      }
    }
  }

  /** What RMI does with a package class outside a SerializedObject (both directions). */
  static String rawProbe(String host, Classifier trained) {
    try {
      Compute engine = (Compute) Naming.lookup("//" + host + "/RemoteEngine");
      TaskStatusInfo s = run(engine, new RawTask(trained), 60000);
      return "engine: " + s.getStatusMessage() + "; back on the client: "
        + (s.getTaskResult() == null ? "null" : s.getTaskResult().getClass().getName());
    } catch (Exception e) {
      Throwable root = e;
      while (root.getCause() != null) {
        root = root.getCause();
      }
      return e.getClass().getSimpleName() + " (" + root + ")";
    }
  }

  /** Returns true when every prediction matches. */
  static boolean check(String host, String dataFile, String classifierLine, long timeoutMillis) throws Exception {
    Instances data;
    try (java.io.Reader r = new java.io.BufferedReader(new java.io.FileReader(dataFile))) {
      data = new Instances(r);
    }
    data.setClassIndex(data.numAttributes() - 1);
    data.randomize(new Random(1));
    int nTrain = data.numInstances() * 2 / 3;
    Instances train = new Instances(data, 0, nTrain);
    Instances test = new Instances(data, nTrain, data.numInstances() - nTrain);
    String[] opts = Utils.splitOptions(classifierLine);
    String cls = opts[0];
    opts[0] = "";
    Classifier untrained = AbstractClassifier.forName(cls, opts);
    Classifier clientTrained = AbstractClassifier.makeCopy(untrained);
    clientTrained.buildClassifier(train);
    Classifier localAgain = AbstractClassifier.makeCopy(untrained);
    localAgain.buildClassifier(train);
    double[][] expected = predict(clientTrained, test);
    double[][] expectedRetrained = predict(localAgain, test);

    Compute engine = (Compute) Naming.lookup("//" + host + "/RemoteEngine");
    TaskStatusInfo s = run(engine, new ModelRoundTrip(new SerializedObject(
      new Object[] {train, test, clientTrained, untrained})), timeoutMillis);
    String name = cls.substring(cls.lastIndexOf('.') + 1);
    if (s.getExecutionStatus() != TaskStatusInfo.FINISHED) {
      System.out.println("models: " + name + " on " + host + " failed: " + s.getStatusMessage());
      return false;
    }
    Object[] back = (Object[]) ((SerializedObject) s.getTaskResult()).getObject();
    Classifier engineTrained = (Classifier) back[0];
    boolean clientModelThere = Arrays.deepEquals(expected, (double[][]) back[1]);
    boolean engineModelThere = Arrays.deepEquals(expectedRetrained, (double[][]) back[2]);
    boolean engineModelHere = Arrays.deepEquals(expectedRetrained, predict(engineTrained, test));
    boolean sameTraining = Arrays.deepEquals(expected, expectedRetrained);
    System.out.println("models: " + name + " (" + test.numInstances() + " test rows) on " + host
      + ": client's model predicts the same on the engine: " + yes(clientModelThere)
      + "; engine-trained model equals a local one: " + yes(engineModelThere)
      + ", and after its trip back: " + yes(engineModelHere)
      + (sameTraining ? "" : " (two local trainings differ)"));
    return clientModelThere && engineModelThere && engineModelHere;
  }

  static String yes(boolean b) {
    return b ? "yes" : "no";
  }
}

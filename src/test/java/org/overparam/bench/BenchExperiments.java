// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.bench;

import java.beans.PropertyDescriptor;
import java.io.BufferedReader;
import java.io.File;
import java.io.FileReader;
import javax.swing.DefaultListModel;
import weka.core.Instances;
import weka.core.Range;
import weka.experiment.CrossValidationResultProducer;
import weka.experiment.Experiment;
import weka.experiment.InstancesResultListener;
import weka.experiment.PairedCorrectedTTester;
import weka.experiment.PropertyNode;
import weka.experiment.ResultMatrixPlainText;
import weka.experiment.SplitEvaluator;

/** A Weka Experiment (runs x 10-fold CV of several schemes on one data set) and the corrected t-test on its results. */
public final class BenchExperiments {
  private BenchExperiments() {}

  /**
   * Runs the experiment and writes its results as ARFF.
   *
   * @param property the evaluator's property the schemes set ("classifier" or "clusterer")
   * @param current the evaluator's current value of that property (the experiment needs its type)
   */
  public static void run(File dataset, SplitEvaluator evaluator, String property, Object current, Object[] schemes,
      int runs, File results) throws Exception {
    results.delete();
    Experiment exp = build(new File[] {dataset}, evaluator, property, current, schemes, runs, results);
    exp.initialize();
    exp.runExperiment();
    exp.postProcess();
  }

  /** A 10-fold cross-validation experiment of {@code schemes} on {@code datasets}, results as ARFF. */
  public static Experiment build(File[] datasets, SplitEvaluator evaluator, String property, Object current,
      Object[] schemes, int runs, File results) throws Exception {
    Experiment exp = new Experiment();
    CrossValidationResultProducer producer = new CrossValidationResultProducer();
    producer.setNumFolds(10);
    producer.setSplitEvaluator(evaluator);
    exp.setResultProducer(producer);
    exp.setPropertyPath(new PropertyNode[] {
        new PropertyNode(evaluator, new PropertyDescriptor("splitEvaluator", CrossValidationResultProducer.class),
            CrossValidationResultProducer.class),
        new PropertyNode(current, new PropertyDescriptor(property, evaluator.getClass()), evaluator.getClass())});
    exp.setPropertyArray(schemes);
    exp.setUsePropertyIterator(true);
    exp.setRunLower(1);
    exp.setRunUpper(runs);
    DefaultListModel<File> files = new DefaultListModel<>();
    for (File d : datasets) {
      files.addElement(d);
    }
    exp.setDatasets(files);
    InstancesResultListener listener = new InstancesResultListener();
    listener.setOutputFile(results);
    exp.setResultListener(listener);
    return exp;
  }

  public static String tTest(File results, String column) throws Exception {
    Instances data;
    try (BufferedReader reader = new BufferedReader(new FileReader(results))) {
      data = new Instances(reader);
    }
    PairedCorrectedTTester tester = new PairedCorrectedTTester();
    tester.setInstances(data);
    tester.setSortColumn(-1);
    tester.setRunColumn(data.attribute("Key_Run").index());
    tester.setFoldColumn(data.attribute("Key_Fold").index());
    tester.setDatasetKeyColumns(new Range("" + (data.attribute("Key_Dataset").index() + 1)));
    tester.setResultsetKeyColumns(new Range((data.attribute("Key_Scheme").index() + 1) + ","
        + (data.attribute("Key_Scheme_options").index() + 1) + ","
        + (data.attribute("Key_Scheme_version_ID").index() + 1)));
    ResultMatrixPlainText matrix = new ResultMatrixPlainText();
    matrix.setMeanPrec(3);
    matrix.setStdDevPrec(3);
    matrix.setShowStdDev(true);
    tester.setResultMatrix(matrix);
    tester.setDisplayedResultsets(null);
    tester.setSignificanceLevel(0.05);
    tester.setShowStdDevs(true);
    tester.multiResultsetFull(0, data.attribute(column).index());
    return tester.getResultMatrix().toStringMatrix() + tester.getResultMatrix().toStringKey();
  }
}

// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package weka.filters.supervised.attribute;

import java.util.ArrayList;
import java.util.List;
import org.overparam.common.Checks;
import org.overparam.common.Seeds;
import org.overparam.sop.LabelNoise;
import weka.core.Capabilities;
import weka.core.Capabilities.Capability;
import weka.core.Instances;
import weka.core.OptionMetadata;
import weka.core.Randomizable;
import weka.core.RevisionUtils;
import weka.filters.SimpleBatchFilter;
import weka.gui.ProgrammaticProperty;
import weka.overparam.OptionContract;

/**
 * Injects class-dependent (asymmetric) label noise into the first batch, as in the official SOP
 * data loaders, and records which instances it flipped. Symmetric noise is what Weka's own
 * {@code weka.filters.unsupervised.attribute.AddNoise} does on the class attribute.
 */
public class AsymmetricLabelNoise extends SimpleBatchFilter implements Randomizable, OptionContract.Checked {
  private static final long serialVersionUID = -3870463201459712391L;

  private double percent = 40;
  private String classMap = "";
  private int seed = 1;
  private int[] flipped = new int[0];

  public String globalInfo() {
    return "Flips class labels to chosen other classes. It flips a given percentage of the class labels of each "
        + "source class to a target class (class-dependent, "
        + "asymmetric label noise). The class map is a list such as 'cat->dog,dog->cat'; classes not mentioned keep "
        + "their labels, and an empty map sends every class to the next one (pair flip). Only the first batch is "
        + "changed, so test data passes through a FilteredClassifier untouched. Of each mapped source class, "
        + "ceil(percent/100 * count) instances, chosen uniformly, are flipped; instances with a missing class are "
        + "never chosen. The positions of the flipped instances are available from getFlippedIndices().";
  }

  @Override
  public void setOptions(String[] options) throws Exception {
    OptionContract.setOptions(this, options, super::setOptions);
  }

  @OptionMetadata(displayName = "debug", description = "If set to true, the filter may output additional info to "
      + "the console. Default false; set with -output-debug-info on the command line.", displayOrder = 100)
  @Override
  public boolean getDebug() {
    return super.getDebug();
  }

  @Override
  public void setDebug(boolean debug) {
    super.setDebug(debug);
  }

  @OptionMetadata(displayName = "doNotCheckCapabilities", description = "If set, the filter's capabilities are not "
      + "checked before it is used (use with caution to reduce runtime). Default false; set with "
      + "-do-not-check-capabilities on the command line.", displayOrder = 101)
  @Override
  public boolean getDoNotCheckCapabilities() {
    return super.getDoNotCheckCapabilities();
  }

  @Override
  public void setDoNotCheckCapabilities(boolean doNotCheckCapabilities) {
    super.setDoNotCheckCapabilities(doNotCheckCapabilities);
  }

  @Override
  public void checkOptions() {
    Checks.inClosed("-percent", percent, 0, 100);
    LabelNoise.parsePairs(classMap);
  }

  @OptionMetadata(displayName = "percent",
      description = "Percentage of each mapped source class whose label is flipped (default 40, range [0, 100]).",
      commandLineParamName = "percent", commandLineParamSynopsis = "-percent <double>", displayOrder = 1)
  public double getPercent() {
    return percent;
  }

  public void setPercent(double percent) {
    this.percent = percent;
  }

  @OptionMetadata(displayName = "class map",
      description = "Which class labels are flipped to which, as comma-separated source->target class "
      + "names. For example 'cat->dog,dog->cat'. Default empty: each class to the next, the last to the "
      + "first.",
      commandLineParamName = "class-map", commandLineParamSynopsis = "-class-map <source->target,...>",
      displayOrder = 2)
  public String getClassMap() {
    return classMap;
  }

  public void setClassMap(String classMap) {
    this.classMap = classMap == null ? "" : classMap;
  }

  @OptionMetadata(displayName = "seed", description = "Random seed for choosing the flipped instances (default 1).",
      commandLineParamName = "S", commandLineParamSynopsis = "-S <int>", displayOrder = 3)
  @Override
  public int getSeed() {
    return seed;
  }

  @Override
  public void setSeed(int seed) {
    this.seed = seed;
  }

  /** 0-based positions, in the first batch, of the instances whose label was changed (ascending). */
  @ProgrammaticProperty
  public int[] getFlippedIndices() {
    return flipped.clone();
  }

  @Override
  public Capabilities getCapabilities() {
    Capabilities result = super.getCapabilities();
    result.disableAll();
    result.enableAllAttributes();
    result.enable(Capability.MISSING_VALUES);
    result.enable(Capability.NOMINAL_CLASS);
    result.enable(Capability.MISSING_CLASS_VALUES);
    return result;
  }

  @Override
  protected Instances determineOutputFormat(Instances inputFormat) {
    return new Instances(inputFormat, 0);
  }

  @Override
  protected Instances process(Instances instances) throws Exception {
    if (isFirstBatchDone()) {
      return new Instances(instances);
    }
    checkOptions();
    List<String> names = new ArrayList<>();
    for (int c = 0; c < instances.numClasses(); c++) {
      names.add(instances.classAttribute().value(c));
    }
    int[] map = LabelNoise.parseClassMap(classMap, names);
    int[] labels = new int[instances.numInstances()];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = instances.instance(i).classIsMissing() ? -1 : (int) instances.instance(i).classValue();
    }
    LabelNoise.Result noise = LabelNoise.asymmetric(labels, map, percent / 100, Seeds.stream(seed, "label-noise"));
    Instances out = new Instances(instances);
    for (int i : noise.flipped()) {
      out.instance(i).setClassValue(noise.labels()[i]);
    }
    flipped = noise.flipped();
    return out;
  }

  @Override
  public String getRevision() {
    return RevisionUtils.extract("$Revision: 1 $");
  }

  public static void main(String[] args) {
    runFilter(new AsymmetricLabelNoise(), args);
  }
}

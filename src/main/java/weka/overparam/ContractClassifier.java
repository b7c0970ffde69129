// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package weka.overparam;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import weka.classifiers.RandomizableClassifier;
import weka.core.Option;
import weka.core.OptionMetadata;

/**
 * The base of the package's classifiers: options under the {@link OptionContract} (a bad value is an
 * error naming its flag, options left out return to their defaults), and command-line runs that
 * report bad input without a stack trace ({@link CommandLineRun}). A subclass checks its option
 * values together in {@link #checkOptions()}.
 *
 * <p>The options inherited from Weka's classes carry {@code @OptionMetadata} here (without a
 * command-line name, so that Weka's own parsing of -S, -batch-size, -num-decimal-places,
 * -output-debug-info and -do-not-check-capabilities stays in charge): the dialog shows them with
 * their place and text, and Weka's prediction batch size is named so that it cannot be taken for a
 * learner's training batch size. A subclass that overrides an option's getter to describe its own
 * default is listed once by {@link #listOptions()}, with its own text.
 */
public abstract class ContractClassifier extends RandomizableClassifier implements OptionContract.Checked {
  private static final long serialVersionUID = 1L;

  @Override
  public void setOptions(String[] options) throws Exception {
    OptionContract.setOptions(this, options, super::setOptions);
  }

  /**
   * Weka's options, each once: where a subclass re-annotates an option's getter (to name its own
   * default), Weka lists the option for the subclass and again for the class that declared it; the
   * subclass's text is kept, at the declaring class's place.
   */
  @Override
  public Enumeration<Option> listOptions() {
    List<Option> all = Collections.list(super.listOptions());
    Map<String, Option> mostDerived = new LinkedHashMap<>();
    Map<String, Integer> lastPlace = new LinkedHashMap<>();
    for (int i = 0; i < all.size(); i++) {
      mostDerived.putIfAbsent(all.get(i).name(), all.get(i));
      lastPlace.put(all.get(i).name(), i);
    }
    List<String> names = new ArrayList<>(lastPlace.keySet());
    names.sort((a, b) -> Integer.compare(lastPlace.get(a), lastPlace.get(b)));
    List<Option> result = new ArrayList<>();
    names.forEach(n -> result.add(mostDerived.get(n)));
    return Collections.enumeration(result);
  }

  @OptionMetadata(displayName = "seed", description = "The random number seed to be used. Default 1; set with -S "
      + "on the command line.", displayOrder = 100)
  @Override
  public int getSeed() {
    return super.getSeed();
  }

  @Override
  public void setSeed(int seed) {
    super.setSeed(seed);
  }

  @OptionMetadata(displayName = "prediction batch size", description = "Number of instances predicted together "
      + "when Weka asks for many predictions at once, as in evaluation and the Experimenter. It does not change "
      + "training or the predictions themselves, and it is not the training batch size. Greater than 0; default "
      + "100. Set with -batch-size on the command line.", displayOrder = 101)
  @Override
  public String getBatchSize() {
    return super.getBatchSize();
  }

  @Override
  public void setBatchSize(String size) {
    super.setBatchSize(size);
  }

  @OptionMetadata(displayName = "numDecimalPlaces", description = "The number of decimal places to be used for the "
      + "output of numbers in the model. Default 2; set with -num-decimal-places on the command line.", displayOrder = 102)
  @Override
  public int getNumDecimalPlaces() {
    return super.getNumDecimalPlaces();
  }

  @Override
  public void setNumDecimalPlaces(int num) {
    super.setNumDecimalPlaces(num);
  }

  @OptionMetadata(displayName = "debug", description = "If set to true, the classifier prints its progress to "
      + "the console. Default false; set with -output-debug-info on the command line.", displayOrder = 103)
  @Override
  public boolean getDebug() {
    return super.getDebug();
  }

  @Override
  public void setDebug(boolean debug) {
    super.setDebug(debug);
  }

  @OptionMetadata(displayName = "doNotCheckCapabilities", description = "If set, the classifier's capabilities are "
      + "not checked before it is built (use with caution to reduce runtime). Default false; set with "
      + "-do-not-check-capabilities on the command line.", displayOrder = 104)
  @Override
  public boolean getDoNotCheckCapabilities() {
    return super.getDoNotCheckCapabilities();
  }

  @Override
  public void setDoNotCheckCapabilities(boolean doNotCheckCapabilities) {
    super.setDoNotCheckCapabilities(doNotCheckCapabilities);
  }

  /** weka.Run's entry: as Weka's runClassifier, with bad input reported without a stack trace. */
  @Override
  public void run(Object toRun, String[] options) {
    CommandLineRun.classifier((weka.classifiers.Classifier) toRun, options);
  }
}

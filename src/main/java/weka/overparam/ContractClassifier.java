package weka.overparam;

import weka.classifiers.RandomizableClassifier;

/**
 * The base of the package's classifiers: options under the {@link OptionContract} (a bad value is an
 * error naming its flag, options left out return to their defaults), and command-line runs that
 * report bad input without a stack trace ({@link CommandLineRun}). A subclass checks its option
 * values together in {@link #checkOptions()}.
 */
public abstract class ContractClassifier extends RandomizableClassifier implements OptionContract.Checked {
  private static final long serialVersionUID = 1L;

  @Override
  public void setOptions(String[] options) throws Exception {
    OptionContract.setOptions(this, options, super::setOptions);
  }

  /** weka.Run's entry: as Weka's runClassifier, with bad input reported without a stack trace. */
  @Override
  public void run(Object toRun, String[] options) {
    CommandLineRun.classifier((weka.classifiers.Classifier) toRun, options);
  }
}

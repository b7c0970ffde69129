package weka.classifiers.functions;

import weka.classifiers.Classifier;

/**
 * Weka's own harness (CheckClassifier, CheckOptionHandler, CheckGOE, regression reference). The
 * harness data are random: with the default sensitive attribute {@code first}, MinDiff runs on the
 * first nominal attribute when the data have one with both groups holding positives, and is
 * switched off (plain network) otherwise; both paths are exercised.
 */
public class MinDiffNetworkTest extends BlasTolerantClassifierTest {
  public MinDiffNetworkTest(String name) {
    super(name);
  }

  @Override
  public Classifier getClassifier() {
    MinDiffNetwork net = new MinDiffNetwork();
    net.setSensitiveAttribute("first"); // the harness's data have no attribute to name
    net.setHiddenLayers("4");
    net.setEpochs(2);
    net.setBatchSizeTrain(8);
    net.setMindiffBatchSize(4);
    net.setDataType(AbstractNetworkClassifier.Precision.DOUBLE);
    return net;
  }
}

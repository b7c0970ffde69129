package weka.clusterers;

/** Weka's clusterer harness (CheckClusterer, CheckOptionHandler, CheckGOE) on a tiny configuration. */
public class OverparameterizedEMTest extends AbstractClustererTest {
  public OverparameterizedEMTest(String name) {
    super(name);
  }

  @Override
  public Clusterer getClusterer() {
    OverparameterizedEM em = new OverparameterizedEM();
    em.setMaxIterations(20);
    return em;
  }
}

// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package weka.clusterers;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.overparam.common.RunningMoments;
import org.overparam.common.TrainingHistory;
import org.overparam.gmm.FitSummary;
import org.overparam.gmm.CovarianceType;
import org.overparam.gmm.GaussianMixture;
import org.overparam.gmm.GaussianMixtureEm;
import org.overparam.gmm.GmmConfig;
import org.overparam.gmm.Initialisation;
import org.overparam.gmm.MixingWeights;
import org.overparam.gmm.MixtureData;
import org.overparam.gmm.OptionLists;
import weka.core.Attribute;
import weka.core.Capabilities;
import weka.core.Capabilities.Capability;
import weka.core.Instance;
import weka.core.Instances;
import weka.core.OptionMetadata;
import weka.core.TechnicalInformation;
import weka.core.TechnicalInformationHandler;
import weka.core.WeightedInstancesHandler;
import weka.overparam.CommandLineRun;
import weka.overparam.OptionContract;
import weka.overparam.TrainingHeader;
import weka.overparam.TrainingHistoryHandler;

/**
 * Gaussian-mixture EM with known-weights (Model 1) and over-parameterized (Model 2, weights
 * re-estimated) modes; a thin adapter over {@link GaussianMixtureEm}.
 *
 * <p>Numeric attributes are modelled by Gaussians (identity, spherical, diagonal or full
 * covariances), nominal attributes by per-cluster categorical distributions. Missing values are
 * marginalised out (under full covariances through the marginal Gaussian of the observed block and
 * the conditional moments of the missing attributes). The model keeps no training data.
 *
 * <pre>
 * Ji Xu, Daniel Hsu, Arian Maleki. Benefits of over-parameterization with EM.
 * Advances in Neural Information Processing Systems 31 (NeurIPS 2018). arXiv:1810.11344.
 * </pre>
 */
public class OverparameterizedEM extends RandomizableDensityBasedClusterer implements NumberOfClustersRequestable,
    WeightedInstancesHandler, TechnicalInformationHandler, OptionContract.Checked, TrainingHistoryHandler {
  private static final long serialVersionUID = 6021583240735861937L;
  private static final Logger LOG = Logger.getLogger(OverparameterizedEM.class.getName());

  private int numClusters = 2;
  private int maxClusters = 10;
  private MixingWeights mixingWeights = MixingWeights.ESTIMATED;
  private String weights = "";
  private CovarianceType covariance = CovarianceType.DIAG;
  private double fixedStd = 1.0;
  private double regCovar = 1e-6;
  private double nominalPrior = 1.0;
  private Initialisation initialisation = Initialisation.K_MEANS_PLUS_PLUS;
  private String initMeans = "";
  private String initVariances = "";
  private int restarts = 10;
  private int maxIterations = 100;
  private double tolerance = 1e-6;
  private int numThreads = 1;

  /**
   * Squared deviations are formed in data units (and summed), so a spread beyond about 1e150
   * overflows double precision, and one below about 1e-150 underflows (the attribute would look constant).
   */
  static final double MAX_DEVIATION = 1e150;
  static final double MIN_DEVIATION = 1e-150;

  private GaussianMixture model;
  private TrainingHeader header;
  private int[] numericAttributes;
  private int[] nominalAttributes;

  public OverparameterizedEM() {
    m_SeedDefault = 1;
    setSeed(m_SeedDefault);
  }

  public String globalInfo() {
    return "Gaussian-mixture clustering by EM. It either keeps known mixing weights fixed or re-estimates them "
        + "(the over-parameterized model, the default). Xu, Hsu and Maleki (2018) show that re-estimating the "
        + "weights, even when they are known, lets EM escape spurious local optima that trap EM with the weights "
        + "held fixed. Numeric attributes get identity, spherical, diagonal or full covariances (reg-covar added "
        + "to the diagonal), nominal attributes per-cluster categorical distributions; missing values are "
        + "marginalised out, also under full covariances (exact EM for the observed-data likelihood). The E-step "
        + "runs in log space, optionally on several threads with results independent of the thread count. "
        + "-N -1 chooses the number of clusters by BIC.\n\nFor more information see:\n\n"
        + getTechnicalInformation().toString();
  }

  @Override
  public TechnicalInformation getTechnicalInformation() {
    TechnicalInformation t = new TechnicalInformation(TechnicalInformation.Type.INPROCEEDINGS);
    t.setValue(TechnicalInformation.Field.AUTHOR, "Ji Xu and Daniel Hsu and Arian Maleki");
    t.setValue(TechnicalInformation.Field.TITLE, "Benefits of over-parameterization with EM");
    t.setValue(TechnicalInformation.Field.BOOKTITLE, "Advances in Neural Information Processing Systems 31");
    t.setValue(TechnicalInformation.Field.YEAR, "2018");
    t.setValue(TechnicalInformation.Field.URL, "https://arxiv.org/abs/1810.11344");
    return t;
  }

  @Override
  public Capabilities getCapabilities() {
    Capabilities c = super.getCapabilities();
    c.disableAll();
    c.enable(Capability.NO_CLASS);
    c.enable(Capability.NUMERIC_ATTRIBUTES);
    c.enable(Capability.NOMINAL_ATTRIBUTES);
    c.enable(Capability.MISSING_VALUES);
    return c;
  }

  /** The validated core configuration of the current options. */
  public GmmConfig toConfig() {
    return new GmmConfig(numClusters, maxClusters, mixingWeights, OptionLists.parseVector("-weights", weights),
        covariance, fixedStd, regCovar, true, nominalPrior, initialisation,
        OptionLists.parseMatrix("-init-means", initMeans),
        OptionLists.parseMatrix("-init-variances", initVariances),
        restarts, maxIterations, tolerance, numThreads, getSeed());
  }

  @Override
  public void setOptions(String[] options) throws Exception {
    OptionContract.setOptions(this, options, super::setOptions);
  }

  // Weka's inherited options, with texts for the dialog (Weka parses -S, -output-debug-info and
  // -do-not-check-capabilities itself, so they have no command-line name here).

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

  @OptionMetadata(displayName = "debug", description = "If set to true, the clusterer prints its progress to the "
      + "console. Default false; set with -output-debug-info on the command line.", displayOrder = 101)
  @Override
  public boolean getDebug() {
    return super.getDebug();
  }

  @Override
  public void setDebug(boolean debug) {
    super.setDebug(debug);
  }

  @OptionMetadata(displayName = "doNotCheckCapabilities", description = "If set, the clusterer's capabilities are "
      + "not checked before it is built (use with caution to reduce runtime). Default false; set with "
      + "-do-not-check-capabilities on the command line.", displayOrder = 102)
  @Override
  public boolean getDoNotCheckCapabilities() {
    return super.getDoNotCheckCapabilities();
  }

  @Override
  public void setDoNotCheckCapabilities(boolean doNotCheckCapabilities) {
    super.setDoNotCheckCapabilities(doNotCheckCapabilities);
  }

  /** weka.Run's entry: as Weka's runClusterer, with bad input reported without a stack trace. */
  @Override
  public void run(Object toRun, String[] options) {
    CommandLineRun.clusterer((Clusterer) toRun, options);
  }

  @Override
  public void checkOptions() {
    toConfig();
  }

  @Override
  public void buildClusterer(Instances data) throws Exception {
    TrainingHeader.requireData(data);
    model = null;
    GmmConfig config = toConfig();
    getCapabilities().testWithFail(data);
    List<Integer> num = new ArrayList<>();
    List<Integer> nom = new ArrayList<>();
    for (int a = 0; a < data.numAttributes(); a++) {
      Attribute att = data.attribute(a);
      if (a == data.classIndex()) {
        continue;
      }
      if (att.isNumeric()) {
        num.add(a);
      } else if (att.isNominal() && att.numValues() > 0) {
        nom.add(a);
      }
    }
    if (num.isEmpty()) {
      throw new IllegalArgumentException("OverparameterizedEM needs at least one numeric attribute; the data has "
          + "none (a Gaussian mixture cannot be fitted to nominal attributes alone)");
    }
    int[] numeric = num.stream().mapToInt(Integer::intValue).toArray();
    int[] nominal = nom.stream().mapToInt(Integer::intValue).toArray();
    int[] numCats = new int[nominal.length];
    for (int a = 0; a < numCats.length; a++) {
      numCats[a] = data.attribute(nominal[a]).numValues();
    }
    MixtureData.Builder b = MixtureData.builder(data.numInstances(), numeric.length, numCats);
    for (int i = 0; i < data.numInstances(); i++) {
      Instance inst = data.instance(i);
      for (int a = 0; a < numeric.length; a++) {
        int att = numeric[a];
        if (inst.isMissing(att)) {
          b.missingNumeric(i, a);
        } else {
          b.numeric(i, a, finite(inst.value(att), data.attribute(att), i));
        }
      }
      for (int a = 0; a < nominal.length; a++) {
        if (inst.isMissing(nominal[a])) {
          b.missingNominal(i, a);
        } else {
          b.nominal(i, a, (int) inst.value(nominal[a]));
        }
      }
      b.weight(i, inst.weight());
    }
    for (int att : concat(numeric, nominal)) {
      requireAValue(data, att);
    }
    for (int att : numeric) {
      checkScale(data, att);
    }
    Level level = getDebug() ? Level.INFO : Level.FINE;
    GaussianMixtureEm em = new GaussianMixtureEm(config, (it, metrics) -> LOG.log(level,
        () -> "OverparameterizedEM iteration " + it + ": " + metrics));
    model = em.fit(b.build());
    header = TrainingHeader.of(data);
    numericAttributes = numeric;
    nominalAttributes = nominal;
  }

  /**
   * A clusterer holding a model fitted elsewhere (the Spark job {@code org.overparam.spark.SparkOverparamEm})
   * on data with this header. The model's attributes are the header's numeric attributes, in order
   * (the class attribute, if set, excluded); the header must have no nominal attribute besides the class.
   * The options are set to the fit's k, covariance and weight mode.
   *
   * @throws IllegalArgumentException if the header does not match the model
   */
  public static OverparameterizedEM ofFittedModel(GaussianMixture model, Instances header, GmmConfig config) {
    List<Integer> num = new ArrayList<>();
    for (int a = 0; a < header.numAttributes(); a++) {
      if (a == header.classIndex()) {
        continue;
      }
      if (!header.attribute(a).isNumeric()) {
        throw new IllegalArgumentException("attribute '" + header.attribute(a).name() + "' is not numeric; a model "
            + "fitted elsewhere covers numeric attributes only");
      }
      num.add(a);
    }
    if (num.size() != model.numNumeric() || model.numNominal() != 0) {
      throw new IllegalArgumentException("the header has " + num.size() + " numeric attributes, the model "
          + model.numNumeric() + " numeric and " + model.numNominal() + " nominal");
    }
    OverparameterizedEM em = new OverparameterizedEM();
    em.numClusters = model.numComponents();
    em.covariance = model.covarianceType();
    em.mixingWeights = model.mixingWeights();
    em.regCovar = config.regCovar();
    em.restarts = config.numInit();
    em.maxIterations = config.maxIterations();
    em.tolerance = config.tolerance();
    em.initialisation = config.initialisation();
    em.weights = java.util.Arrays.stream(config.weights()).mapToObj(Double::toString)
        .collect(java.util.stream.Collectors.joining(","));
    em.setSeed((int) config.seed());
    em.model = model;
    em.header = TrainingHeader.of(new Instances(header, 0));
    em.numericAttributes = num.stream().mapToInt(Integer::intValue).toArray();
    em.nominalAttributes = new int[0];
    return em;
  }

  private static void requireAValue(Instances data, int att) {
    for (Instance inst : data) {
      if (!inst.isMissing(att)) {
        return;
      }
    }
    throw new IllegalArgumentException("attribute '" + data.attribute(att).name()
        + "' has only missing values in the training data; remove it (e.g. with RemoveUseless)");
  }

  private static int[] concat(int[] a, int[] b) {
    int[] r = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, r, a.length, b.length);
    return r;
  }

  /**
   * EM works in the data's units: an attribute whose spread overflows or underflows when squared cannot be
   * modelled and would give a silently wrong mixture.
   */
  private static void checkScale(Instances data, int att) {
    RunningMoments m = new RunningMoments();
    for (Instance inst : data) {
      if (!inst.isMissing(att) && inst.weight() > 0) {
        m.add(inst.value(att));
      }
    }
    if (m.count() == 0 || m.isConstant()) {
      return;
    }
    String name = data.attribute(att).name();
    double deviation = Math.max(Math.abs(m.max() - m.mean()), Math.abs(m.min() - m.mean()));
    String limit = !(deviation <= MAX_DEVIATION) ? String.format("overflows double precision beyond about %.0e",
        MAX_DEVIATION) : !(deviation >= MIN_DEVIATION) ? String.format("underflows double precision below about %.0e",
        MIN_DEVIATION) : null;
    if (limit != null) {
      throw new IllegalArgumentException(String.format("attribute '%s' ranges from %.3g to %.3g: EM squares "
          + "deviations in the data's units, which %s; rescale the attribute (e.g. with "
          + "weka.filters.unsupervised.attribute.Standardize)", name, m.min(), m.max(), limit));
    }
  }

  private static double finite(double v, Attribute att, int row) {
    if (Double.isInfinite(v)) {
      throw new IllegalArgumentException("attribute '" + att.name() + "' has an infinite value in instance "
          + (row + 1) + "; remove or replace it first");
    }
    return v;
  }

  private GaussianMixture model() throws Exception {
    if (model == null) {
      throw new Exception("OverparameterizedEM: no model built yet");
    }
    return model;
  }

  /**
   * The mean log-likelihood per EM iteration of every restart of the chosen number of clusters,
   * and with -N -1 the BIC by number of clusters. Empty before training.
   */
  @Override
  public List<TrainingHistory> trainingHistory() {
    if (model == null) {
      return List.of();
    }
    FitSummary s = model.summary();
    return s.bicSearch().isEmpty() ? List.of(s.iterationHistory()) : List.of(s.iterationHistory(), s.bicHistory());
  }

  /** The fitted core model (null before training). */
  public GaussianMixture getModel() {
    return model;
  }

  @Override
  public int numberOfClusters() throws Exception {
    return model().numComponents();
  }

  @Override
  public double[] clusterPriors() throws Exception {
    return model().weights();
  }

  @Override
  public double[] logDensityPerClusterForInstance(Instance instance) throws Exception {
    GaussianMixture g = model();
    header.check(instance);
    double[] x = new double[numericAttributes.length];
    for (int a = 0; a < x.length; a++) {
      int att = numericAttributes[a];
      double v = instance.isMissing(att) ? Double.NaN : instance.value(att);
      if (Double.isInfinite(v)) {
        throw new IllegalArgumentException("attribute '" + header.header().attribute(att).name() + "' is " + v
            + "; only finite values can be clustered");
      }
      x[a] = v;
    }
    int[] c = new int[nominalAttributes.length];
    for (int a = 0; a < c.length; a++) {
      int att = nominalAttributes[a];
      int code = instance.isMissing(att) ? -1 : (int) instance.value(att);
      // a value the training header did not have counts as missing
      c[a] = code < header.header().attribute(att).numValues() ? code : -1;
    }
    double[] logDensities = g.logComponentDensities(x, c);
    for (double v : logDensities) {
      if (v > Double.NEGATIVE_INFINITY) {
        return logDensities;
      }
    }
    // The density underflows under every component: the cluster probabilities would be 0/0.
    int far = 0;
    for (int a = 1; a < x.length; a++) {
      far = Math.abs(x[a]) > Math.abs(x[far]) ? a : far;
    }
    throw new IllegalArgumentException("the instance lies too far from every cluster to compare them in double "
        + "precision (its density is 0 under all " + logDensities.length + " components); its largest value is "
        + header.header().attribute(numericAttributes[far]).name() + " = " + x[far]);
  }

  @Override
  public String toString() {
    if (model == null) {
      return "OverparameterizedEM: no model built yet.";
    }
    StringBuilder sb = new StringBuilder(
        new MixtureReport(model, header.header(), numericAttributes, nominalAttributes).format(getOptions()));
    trainingHistory().forEach(h -> sb.append('\n').append(h.summary(4)));
    return sb.toString();
  }

  // ---- options ------------------------------------------------------------------------------

  @OptionMetadata(displayName = "number of clusters", description = "Number of mixture components, or -1 "
      + "to choose it by BIC. At least 1, or -1 to choose from 1 to max-clusters; default 2.", commandLineParamName = "N",
      commandLineParamSynopsis = "-N <int>", displayOrder = 1, category = "Mixture")
  public int getNumClusters() {
    return numClusters;
  }

  @Override
  public void setNumClusters(int n) {
    numClusters = n;
  }

  @OptionMetadata(displayName = "maximum clusters for BIC", description = "Largest k tried when -N is -1 (>= 1; "
      + "default 10).", commandLineParamName = "max-clusters", commandLineParamSynopsis = "-max-clusters <int>",
      displayOrder = 2, category = "Mixture")
  public int getMaxClusters() {
    return maxClusters;
  }

  public void setMaxClusters(int v) {
    maxClusters = v;
  }

  @OptionMetadata(displayName = "mixing weights", description = "ESTIMATED (default): re-estimate the weights every "
      + "M-step (over-parameterized, Model 2); FIXED: keep the known weights given by -weights (Model 1).",
      commandLineParamName = "mixing-weights", commandLineParamSynopsis = "-mixing-weights <ESTIMATED|FIXED>",
      displayOrder = 3, category = "Mixture")
  public MixingWeights getMixingWeights() {
    return mixingWeights;
  }

  public void setMixingWeights(MixingWeights v) {
    mixingWeights = v;
  }

  @OptionMetadata(displayName = "weights", description = "Comma-separated mixing weights, one per cluster, each > 0, "
      + "summing to 1: the known weights under FIXED, the starting weights under ESTIMATED (default empty = "
      + "uniform).", commandLineParamName = "weights", commandLineParamSynopsis = "-weights <w1,w2,...>",
      displayOrder = 4, category = "Mixture")
  public String getWeights() {
    return weights;
  }

  public void setWeights(String v) {
    weights = v == null ? "" : v.trim();
  }

  @OptionMetadata(displayName = "covariance", description = "Covariance of each component: IDENTITY (fixed "
      + "fixed-std^2 I), SPHERICAL, DIAG (default), FULL, or TIED (one full matrix shared by all clusters).",
      commandLineParamName = "covariance", commandLineParamSynopsis = "-covariance <IDENTITY|SPHERICAL|DIAG|FULL|TIED>",
      displayOrder = 5,
      category = "Mixture")
  public CovarianceType getCovariance() {
    return covariance;
  }

  public void setCovariance(CovarianceType v) {
    covariance = v;
  }

  @OptionMetadata(displayName = "fixed standard deviation", description = "sigma0 of the IDENTITY covariance "
      + "(> 0; default 1).", commandLineParamName = "fixed-std", commandLineParamSynopsis = "-fixed-std <double>",
      displayOrder = 6, category = "Mixture")
  public double getFixedStd() {
    return fixedStd;
  }

  public void setFixedStd(double v) {
    fixedStd = v;
  }

  @OptionMetadata(displayName = "covariance regularisation", description = "Regularisation added to every "
      + "variance (the diagonal) on every M-step. It is a fraction of the attribute's variance over the "
      + "training data, so that it means the same whatever the attribute's unit. In [0, 1); default 1e-6.",
      commandLineParamName = "reg-covar", commandLineParamSynopsis = "-reg-covar <double>", displayOrder = 7,
      category = "Mixture")
  public double getRegCovar() {
    return regCovar;
  }

  public void setRegCovar(double v) {
    regCovar = v;
  }

  @OptionMetadata(displayName = "nominal prior", description = "Pseudo-count added to every category of a nominal "
      + "attribute in every cluster (> 0; default 1, Laplace smoothing as in Weka's EM).",
      commandLineParamName = "nominal-prior", commandLineParamSynopsis = "-nominal-prior <double>",
      displayOrder = 8, category = "Mixture")
  public double getNominalPrior() {
    return nominalPrior;
  }

  public void setNominalPrior(double v) {
    nominalPrior = v;
  }

  @OptionMetadata(displayName = "initialisation", description = "Initial means: K_MEANS_PLUS_PLUS (default), "
      + "RANDOM_DATA_POINTS or USER (-init-means).", commandLineParamName = "init",
      commandLineParamSynopsis = "-init <K_MEANS_PLUS_PLUS|RANDOM_DATA_POINTS|USER>", displayOrder = 9,
      category = "Optimisation")
  public Initialisation getInitialisation() {
    return initialisation;
  }

  public void setInitialisation(Initialisation v) {
    initialisation = v;
  }

  @OptionMetadata(displayName = "initial means", description = "Means for -init USER: k rows separated by ';', "
      + "each with one comma-separated value per numeric attribute (default empty).",
      commandLineParamName = "init-means", commandLineParamSynopsis = "-init-means <m11,m12;m21,m22;...>",
      displayOrder = 10, category = "Optimisation")
  public String getInitMeans() {
    return initMeans;
  }

  public void setInitMeans(String v) {
    initMeans = v == null ? "" : v.trim();
  }

  @OptionMetadata(displayName = "initial variances", description = "Optional starting variances: k rows separated "
      + "by ';', each with 1 or d comma-separated values (the diagonal of the starting covariance; default empty = "
      + "from the data).", commandLineParamName = "init-variances",
      commandLineParamSynopsis = "-init-variances <v1;v2;...>", displayOrder = 11, category = "Optimisation")
  public String getInitVariances() {
    return initVariances;
  }

  public void setInitVariances(String v) {
    initVariances = v == null ? "" : v.trim();
  }

  @OptionMetadata(displayName = "restarts", description = "Number of EM runs from different initialisations; the "
      + "highest final log-likelihood wins (>= 1; default 10, as Weka's EM tries 10 k-means starts).",
      commandLineParamName = "restarts",
      commandLineParamSynopsis = "-restarts <int>", displayOrder = 12, category = "Optimisation")
  public int getRestarts() {
    return restarts;
  }

  public void setRestarts(int v) {
    restarts = v;
  }

  @OptionMetadata(displayName = "maximum iterations", description = "EM iterations per run at most (>= 0; default "
      + "100).", commandLineParamName = "max-iterations", commandLineParamSynopsis = "-max-iterations <int>",
      displayOrder = 13, category = "Optimisation")
  public int getMaxIterations() {
    return maxIterations;
  }

  public void setMaxIterations(int v) {
    maxIterations = v;
  }

  @OptionMetadata(displayName = "tolerance", description = "Stop when the mean log-likelihood per instance changes "
      + "by less than this (>= 0, 0 = always run max-iterations; default 1e-6).", commandLineParamName = "tolerance",
      commandLineParamSynopsis = "-tolerance <double>", displayOrder = 14, category = "Optimisation")
  public double getTolerance() {
    return tolerance;
  }

  public void setTolerance(double v) {
    tolerance = v;
  }

  @OptionMetadata(displayName = "number of threads", description = "Threads for the E-step (>= 1; default 1); the "
      + "result is identical for any value.", commandLineParamName = "num-threads",
      commandLineParamSynopsis = "-num-threads <int>", displayOrder = 15, category = "Optimisation")
  public int getNumThreads() {
    return numThreads;
  }

  public void setNumThreads(int v) {
    numThreads = v;
  }

  public static void main(String[] args) {
    CommandLineRun.clusterer(new OverparameterizedEM(), args);
  }
}

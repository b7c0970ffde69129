// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package weka.classifiers.functions;

import java.util.List;
import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.overparam.common.TrainingHistory;
import org.overparam.kgd.EigenSolver;
import org.overparam.kgd.FeatureMode;
import org.overparam.kgd.KernelType;
import org.overparam.kgd.KgdConfig;
import org.overparam.kgd.KgdModel;
import org.overparam.kgd.KgdReport;
import org.overparam.kgd.KgdTrainer;
import org.overparam.kgd.Solver;
import org.overparam.kgd.StopRule;
import weka.core.Capabilities;
import weka.core.Capabilities.Capability;
import weka.core.Instance;
import weka.core.Instances;
import weka.core.OptionMetadata;
import weka.core.TechnicalInformation;
import weka.core.TechnicalInformationHandler;
import weka.core.Utils;
import weka.overparam.CommandLineRun;
import weka.overparam.ContractClassifier;
import weka.overparam.InstancesConverter;
import weka.overparam.TrainingHeader;
import weka.overparam.TrainingHistoryHandler;

/**
 * Regression by over-parameterized gradient descent on the eigen-components of a kernel (Li and
 * Lin, NeurIPS 2024). A thin adapter over {@link org.overparam.kgd.KgdTrainer}: it converts the
 * attributes with the package's {@link InstancesConverter} (numeric ones standardised scale-free,
 * nominal ones one-hot, missing values as the mean or no category; the numeric class is
 * standardised by the core) and maps options to a {@link KgdConfig}.
 *
 * <pre>
 * Yicheng Li and Qian Lin. Improving Adaptivity via Over-Parameterization in Sequence Models.
 * NeurIPS 2024. arXiv:2409.00894.
 * </pre>
 *
 * <p>Limitations: numeric class only; instance weights other than 1 are refused (not a
 * WeightedInstancesHandler); the exact basis is O(n^3) and keeps the n training rows for
 * prediction; missing values are imputed but infinite values are rejected.
 */
public class OverparameterizedKernelGD extends ContractClassifier
    implements TechnicalInformationHandler, TrainingHistoryHandler {
  private static final long serialVersionUID = 6240917361108032602L; // 2: the shared converter replaced the filters
  private static final Logger LOG = Logger.getLogger(OverparameterizedKernelGD.class.getName());

  private KernelType kernel = KgdConfig.DEFAULT_KERNEL;
  private double kernelGamma = KgdConfig.DEFAULT_KERNEL_GAMMA;
  private int kernelDegree = KgdConfig.DEFAULT_KERNEL_DEGREE;
  private int depth = KgdConfig.DEFAULT_DEPTH;
  private double b0 = KgdConfig.DEFAULT_B0;
  private FeatureMode features = KgdConfig.DEFAULT_FEATURES;
  private int numFeatures = KgdConfig.DEFAULT_NUM_FEATURES;
  private int rank = KgdConfig.DEFAULT_RANK;
  private double eigTol = KgdConfig.DEFAULT_EIG_TOL;
  private int maxExactInstances = KgdConfig.DEFAULT_MAX_EXACT;
  private EigenSolver eigenSolver = KgdConfig.DEFAULT_EIGEN_SOLVER;
  private Solver solver = KgdConfig.DEFAULT_SOLVER;
  private double stepSize = KgdConfig.DEFAULT_STEP_SIZE;
  private StopRule stop = KgdConfig.DEFAULT_STOP;
  private double valPercent = KgdConfig.DEFAULT_VAL_PERCENT;
  private boolean noRefit = !KgdConfig.DEFAULT_REFIT;
  private int checkpoints = KgdConfig.DEFAULT_CHECKPOINTS;
  private double maxTime = KgdConfig.DEFAULT_MAX_TIME;
  private double time = KgdConfig.DEFAULT_TIME;
  private double timeConstant = KgdConfig.DEFAULT_TIME_CONSTANT;
  private boolean baseline = KgdConfig.DEFAULT_BASELINE;

  private KgdModel model;

  /**
   * With -stop VALIDATION the validation scan (training and validation MSE per checkpoint time),
   * then the kept model's gradient flow (training MSE and coefficient norm per checkpoint time).
   * Empty before training.
   */
  @Override
  public List<TrainingHistory> trainingHistory() {
    return model == null ? List.of() : model.summary().histories();
  }
  private InstancesConverter converter;

  public OverparameterizedKernelGD() {
    setSeed(1);
  }

  public String globalInfo() {
    return "Kernel regression by over-parameterized GD. It runs over-parameterized gradient descent on the "
        + "eigen-components of the kernel "
        + "matrix (Li and Lin, NeurIPS 2024). Each eigen-coefficient is trained as a_j * b_j^D * beta_j with a_j "
        + "starting at the square root of the empirical kernel eigenvalue, so the learned eigenvalues grow on "
        + "components that carry signal and stay small on noise; early stopping (validation by default) "
        + "regularises. -baseline freezes the eigenvalues (vanilla kernel gradient descent). Above "
        + "max-exact-instances rows the kernel is replaced by random Fourier features. Numeric class only.\n\n"
        + "For more information see:\n\n" + getTechnicalInformation().toString();
  }

  @Override
  public TechnicalInformation getTechnicalInformation() {
    TechnicalInformation info = new TechnicalInformation(TechnicalInformation.Type.INPROCEEDINGS);
    info.setValue(TechnicalInformation.Field.AUTHOR, "Yicheng Li and Qian Lin");
    info.setValue(TechnicalInformation.Field.TITLE,
        "Improving Adaptivity via Over-Parameterization in Sequence Models");
    info.setValue(TechnicalInformation.Field.BOOKTITLE, "Advances in Neural Information Processing Systems 37");
    info.setValue(TechnicalInformation.Field.YEAR, "2024");
    info.setValue(TechnicalInformation.Field.NOTE, "arXiv:2409.00894");
    return info;
  }

  @Override
  public Capabilities getCapabilities() {
    Capabilities c = super.getCapabilities();
    c.disableAll();
    c.enable(Capability.NUMERIC_ATTRIBUTES);
    c.enable(Capability.DATE_ATTRIBUTES); // numeric inputs (milliseconds), as for the networks
    c.enable(Capability.NOMINAL_ATTRIBUTES);
    c.enable(Capability.MISSING_VALUES);
    c.enable(Capability.NUMERIC_CLASS);
    c.enable(Capability.MISSING_CLASS_VALUES);
    return c;
  }

  /** The validated core configuration of the current options. */
  public KgdConfig toConfig() {
    return KgdConfig.builder().kernel(kernel).kernelGamma(kernelGamma).kernelDegree(kernelDegree).depth(depth).b0(b0)
        .features(features).numFeatures(numFeatures).rank(rank).eigTol(eigTol).maxExactInstances(maxExactInstances)
        .eigenSolver(eigenSolver).solver(solver).stepSize(stepSize).stop(stop).valPercent(valPercent).refit(!noRefit)
        .checkpoints(checkpoints).maxTime(maxTime).time(time).timeConstant(timeConstant).baseline(baseline)
        .seed(getSeed()).build();
  }

  @Override
  public void checkOptions() {
    toConfig();
  }

  @Override
  public void buildClassifier(Instances data) throws Exception {
    TrainingHeader.requireData(data);
    model = null;
    converter = null;
    KgdConfig config = toConfig();
    getCapabilities().testWithFail(data);
    Instances train = new Instances(data);
    train.deleteWithMissingClass();
    InstancesConverter fitted = InstancesConverter.fit(train);
    fitted.notes().forEach(note -> LOG.info("OverparameterizedKernelGD: " + note));
    double[][] x = fitted.doubleRows(train);
    double[] y = new double[train.numInstances()];
    for (int i = 0; i < y.length; i++) {
      y[i] = train.instance(i).classValue();
      if (Double.isInfinite(y[i])) {
        throw new IllegalArgumentException("the class value of instance " + (i + 1) + " is " + y[i]
            + "; OverparameterizedKernelGD needs finite class values");
      }
    }
    Level level = getDebug() ? Level.INFO : Level.FINE;
    KgdTrainer trainer = new KgdTrainer(config, (checkpoint, metrics) -> {
      if (getDebug() || LOG.isLoggable(level)) {
        String line = String.format(Locale.ROOT, "checkpoint %d: t = %.5g, validation MSE = %.6g", checkpoint,
            metrics.get("time"), metrics.get("MSE/validation"));
        LOG.log(level, line);
        if (getDebug()) {
          System.err.println(line);
        }
      }
    });
    model = trainer.fit(x, y);
    converter = fitted;
    for (String warning : model.summary().warnings()) {
      LOG.warning(warning);
    }
    model.summary().notes().forEach(LOG::info);
    LOG.log(level, String.format(Locale.ROOT, "OverparameterizedKernelGD: t = %.5g (%s), training MSE = %.6g",
        model.summary().time(), model.summary().howChosen(), model.summary().trainMse()));
  }

  @Override
  public double classifyInstance(Instance instance) throws Exception {
    if (model == null) {
      throw new IllegalStateException("OverparameterizedKernelGD: no model built yet");
    }
    return model.predict(converter.doubleRow(instance));
  }

  /** The fitted core model (null before building). */
  public KgdModel getModel() {
    return model;
  }

  @Override
  public String toString() {
    if (model == null) {
      return "OverparameterizedKernelGD: No model built yet.";
    }
    StringBuilder notes = new StringBuilder();
    converter.notes().forEach(note -> notes.append("Note: ").append(note).append('\n'));
    model.summary().histories().forEach(h -> notes.append('\n').append(h.summary(4)));
    return KgdReport.format(model.summary(), Utils.joinOptions(getOptions()),
        converter.header().header().classAttribute().name()) + notes;
  }

  // ---- options (annotations only; AbstractClassifier derives list/set/getOptions) ----

  @OptionMetadata(displayName = "kernel", description = "Kernel: RBF (default), LAPLACE, POLYNOMIAL or LINEAR.",
      commandLineParamName = "kernel", commandLineParamSynopsis = "-kernel <RBF|LAPLACE|POLYNOMIAL|LINEAR>",
      displayOrder = 1, category = "Kernel")
  public KernelType getKernel() {
    return kernel;
  }

  public void setKernel(KernelType kernel) {
    this.kernel = kernel;
  }

  @OptionMetadata(displayName = "kernel gamma",
      description = "Kernel scale gamma (>= 0; default 0 = 1/d, d = input columns: one per numeric attribute, one "
          + "per nominal value).",
      commandLineParamName = "kernel-gamma", commandLineParamSynopsis = "-kernel-gamma <double>", displayOrder = 2,
      category = "Kernel")
  public double getKernelGamma() {
    return kernelGamma;
  }

  public void setKernelGamma(double kernelGamma) {
    this.kernelGamma = kernelGamma;
  }

  @OptionMetadata(displayName = "kernel degree", description = "Degree of the POLYNOMIAL kernel (>= 1; default 2).",
      commandLineParamName = "kernel-degree", commandLineParamSynopsis = "-kernel-degree <int>", displayOrder = 3,
      category = "Kernel")
  public int getKernelDegree() {
    return kernelDegree;
  }

  public void setKernelDegree(int kernelDegree) {
    this.kernelDegree = kernelDegree;
  }

  @OptionMetadata(displayName = "features",
      description = "Basis: AUTO (default; exact up to max-exact-instances rows, random features above), "
          + "EXACT_EIGEN or RANDOM_FOURIER.",
      commandLineParamName = "features", commandLineParamSynopsis = "-features <AUTO|EXACT_EIGEN|RANDOM_FOURIER>",
      displayOrder = 4, category = "Kernel")
  public FeatureMode getFeatures() {
    return features;
  }

  public void setFeatures(FeatureMode features) {
    this.features = features;
  }

  @OptionMetadata(displayName = "number of random features",
      description = "Random Fourier features M (>= 1; default 500).", commandLineParamName = "num-features",
      commandLineParamSynopsis = "-num-features <int>", displayOrder = 5, category = "Kernel")
  public int getNumFeatures() {
    return numFeatures;
  }

  public void setNumFeatures(int numFeatures) {
    this.numFeatures = numFeatures;
  }

  @OptionMetadata(displayName = "rank", description = "Keep at most this many eigen-components (>= 0; default 0 = "
      + "all above eig-tol).", commandLineParamName = "rank", commandLineParamSynopsis = "-rank <int>",
      displayOrder = 6, category = "Kernel")
  public int getRank() {
    return rank;
  }

  public void setRank(int rank) {
    this.rank = rank;
  }

  @OptionMetadata(displayName = "eigenvalue tolerance",
      description = "Keep the components whose eigenvalue is above this fraction of the largest. In [0, "
      + "1); default 1e-10.",
      commandLineParamName = "eig-tol", commandLineParamSynopsis = "-eig-tol <double>", displayOrder = 7,
      category = "Kernel")
  public double getEigTol() {
    return eigTol;
  }

  public void setEigTol(double eigTol) {
    this.eigTol = eigTol;
  }

  @OptionMetadata(displayName = "max exact instances",
      description = "Largest n for the O(n^3) exact eigenbasis (>= 1; default 5000).",
      commandLineParamName = "max-exact-instances", commandLineParamSynopsis = "-max-exact-instances <int>",
      displayOrder = 8, category = "Kernel")
  public int getMaxExactInstances() {
    return maxExactInstances;
  }

  public void setMaxExactInstances(int maxExactInstances) {
    this.maxExactInstances = maxExactInstances;
  }

  @OptionMetadata(displayName = "eigen solver",
      description = "Library of the exact eigendecomposition: ND4J (default: LAPACK dsyevd on ND4J's OpenBLAS) or "
          + "COMMONS_MATH (pure Java, much slower).",
      commandLineParamName = "eigen-solver", commandLineParamSynopsis = "-eigen-solver <ND4J|COMMONS_MATH>",
      displayOrder = 9, category = "Kernel")
  public EigenSolver getEigenSolver() {
    return eigenSolver;
  }

  public void setEigenSolver(EigenSolver eigenSolver) {
    this.eigenSolver = eigenSolver;
  }

  @OptionMetadata(displayName = "depth", description = "Depth D of the factor b^D (>= 0; default 1).",
      commandLineParamName = "depth", commandLineParamSynopsis = "-depth <int>", displayOrder = 10,
      category = "Optimisation")
  public int getDepth() {
    return depth;
  }

  public void setDepth(int depth) {
    this.depth = depth;
  }

  @OptionMetadata(displayName = "initial b (b0)", description = "Initial value of b (>= 0; default 0 = (sigma/sqrt(n))^(1/(D+2))).",
      commandLineParamName = "b0", commandLineParamSynopsis = "-b0 <double>", displayOrder = 11,
      category = "Optimisation")
  public double getB0() {
    return b0;
  }

  public void setB0(double b0) {
    this.b0 = b0;
  }

  @OptionMetadata(displayName = "solver",
      description = "AUTO (default; exact solution for D = 0, discrete GD otherwise) or GD (always discrete).",
      commandLineParamName = "solver", commandLineParamSynopsis = "-solver <AUTO|GD>", displayOrder = 12,
      category = "Optimisation")
  public Solver getSolver() {
    return solver;
  }

  public void setSolver(Solver solver) {
    this.solver = solver;
  }

  @OptionMetadata(displayName = "step size",
      description = "Fixed step of gradient descent, used when greater than 0. At least 0; default 0, "
      + "which means 0.5 / max curvature, shortened to land on checkpoints.",
      commandLineParamName = "step-size", commandLineParamSynopsis = "-step-size <double>", displayOrder = 13,
      category = "Optimisation")
  public double getStepSize() {
    return stepSize;
  }

  public void setStepSize(double stepSize) {
    this.stepSize = stepSize;
  }

  @OptionMetadata(displayName = "baseline",
      description = "Freeze the eigenvalue factors: vanilla kernel gradient descent (default off).",
      commandLineParamName = "baseline", commandLineParamSynopsis = "-baseline", commandLineParamIsFlag = true,
      displayOrder = 14, category = "Optimisation")
  public boolean getBaseline() {
    return baseline;
  }

  public void setBaseline(boolean baseline) {
    this.baseline = baseline;
  }

  @OptionMetadata(displayName = "stopping rule",
      description = "VALIDATION (default; hold-out over a checkpoint grid), THEORY (c * eps^-(2D+2)/(D+2)) or FIXED.",
      commandLineParamName = "stop", commandLineParamSynopsis = "-stop <VALIDATION|THEORY|FIXED>", displayOrder = 15,
      category = "Stopping")
  public StopRule getStop() {
    return stop;
  }

  public void setStop(StopRule stop) {
    this.stop = stop;
  }

  @OptionMetadata(displayName = "validation percent",
      description = "Percentage of the training data held out to choose the stopping time when stop is VALIDATION, "
          + "in (0, 100): 20 holds out a fifth (default 20).",
      commandLineParamName = "val-percent", commandLineParamSynopsis = "-val-percent <double>", displayOrder = 16,
      category = "Stopping")
  public double getValPercent() {
    return valPercent;
  }

  public void setValPercent(double valPercent) {
    this.valPercent = valPercent;
  }

  @OptionMetadata(displayName = "no refit",
      description = "Keep the validation-stage model instead of refitting on all rows (default off: refit at "
          + "t* (n/n_tr)^((D+1)/(D+2))).", commandLineParamName = "no-refit", commandLineParamSynopsis = "-no-refit",
      commandLineParamIsFlag = true, displayOrder = 17, category = "Stopping")
  public boolean getNoRefit() {
    return noRefit;
  }

  public void setNoRefit(boolean noRefit) {
    this.noRefit = noRefit;
  }

  @OptionMetadata(displayName = "checkpoints",
      description = "Log-spaced checkpoints over five decades up to max-time (>= 2; default 200).",
      commandLineParamName = "checkpoints", commandLineParamSynopsis = "-checkpoints <int>", displayOrder = 18,
      category = "Stopping")
  public int getCheckpoints() {
    return checkpoints;
  }

  public void setCheckpoints(int checkpoints) {
    this.checkpoints = checkpoints;
  }

  @OptionMetadata(displayName = "checkpoint grid end (max time)",
      description = "End of the checkpoint grid (>= 0; default 0 = 10 eps^-(2D+2)/(D+2), baseline 100 / alpha_GCV).",
      commandLineParamName = "max-time", commandLineParamSynopsis = "-max-time <double>", displayOrder = 19,
      category = "Stopping")
  public double getMaxTime() {
    return maxTime;
  }

  public void setMaxTime(double maxTime) {
    this.maxTime = maxTime;
  }

  @OptionMetadata(displayName = "fixed stopping time", description = "Stopping time for -stop FIXED (> 0 there; default 0).",
      commandLineParamName = "time", commandLineParamSynopsis = "-time <double>", displayOrder = 20,
      category = "Stopping")
  public double getTime() {
    return time;
  }

  public void setTime(double time) {
    this.time = time;
  }

  @OptionMetadata(displayName = "time constant", description = "The constant c of -stop THEORY (> 0; default 1).",
      commandLineParamName = "time-constant", commandLineParamSynopsis = "-time-constant <double>",
      displayOrder = 21, category = "Stopping")
  public double getTimeConstant() {
    return timeConstant;
  }

  public void setTimeConstant(double timeConstant) {
    this.timeConstant = timeConstant;
  }

  public static void main(String[] args) {
    CommandLineRun.classifier(new OverparameterizedKernelGD(), args);
  }
}

package org.overparam.bench;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.overparam.mindiff.GroupMetrics;
import org.overparam.mindiff.MinDiffLabel;
import org.overparam.mindiff.ThresholdSearch;
import weka.classifiers.functions.MinDiffNetwork;
import weka.core.Instances;
import weka.core.Utils;
import weka.core.converters.ConverterUtils.DataSource;
import weka.overparam.GroupScores;
import weka.overparam.SensitiveAttribute;

/**
 * Width sweep of Veldanda et al. on UCI Adult (sensitive attribute sex, positive class >50K, FNR
 * equalised): for each hidden width and each configuration (plain network, MinDiff, MinDiff with
 * flooding, with L2, with fairness-aware early stopping) it trains MinDiffNetwork on a seeded
 * sample of adult-train and reports training and test error, the FNR gaps at probability 0.5, the
 * final training MMD, and the fairness-constrained test error (per-group thresholds chosen on a
 * separate seeded sample of adult-train, FNR gap <= 0.01, applied to adult-test).
 *
 * <pre>
 * java ... org.overparam.bench.MinDiffWidthSweep -train adult-train.arff.gz -test adult-test.arff.gz
 *     [-n-train 1000] [-n-select 4000] [-widths 2,8,32,128,512,2048] [-configs plain,mindiff,flood,l2,es]
 *     [-S 1] [-csv out.csv] [-- extra MinDiffNetwork options]
 * </pre>
 */
public final class MinDiffWidthSweep {
  private MinDiffWidthSweep() {}

  /** The options of each configuration, on top of the shared ones. */
  static final Map<String, String> CONFIGS = new LinkedHashMap<>();

  static {
    CONFIGS.put("plain", "-lambda 0");
    CONFIGS.put("mindiff", "-lambda 1.5");
    CONFIGS.put("flood", "-lambda 1.5 -flood-level 0.25");
    CONFIGS.put("l2", "-lambda 1.5 -l2 0.01");
    CONFIGS.put("es", "-lambda 1.5 -validation-fraction 0.2 -patience 20");
  }

  public static void main(String[] args) throws Exception {
    String[] options = args.clone();
    String[] extra = Utils.partitionOptions(options);
    String trainFile = Utils.getOption("train", options);
    String testFile = Utils.getOption("test", options);
    int nTrain = intOption("n-train", options, 1000);
    int nSelect = intOption("n-select", options, 4000);
    String widths = orDefault(Utils.getOption("widths", options), "2,8,32,128,512,2048");
    String configs = orDefault(Utils.getOption("configs", options), String.join(",", CONFIGS.keySet()));
    int seed = intOption("S", options, 1);
    String csv = Utils.getOption("csv", options);
    String shared = "-sensitive-attribute sex -sensitive-value Female -positive-class >50K " + String.join(" ", extra);

    Instances all = read(trainFile);
    Instances test = read(testFile);
    all.randomize(new Random(seed));
    Instances train = new Instances(all, 0, nTrain);
    Instances select = new Instances(all, nTrain, nSelect);
    SensitiveAttribute sex = SensitiveAttribute.resolve(train, "sex", "Female");
    int pos = SensitiveAttribute.positiveClass(train, ">50K");
    ThresholdSearch search = ThresholdSearch.withTolerance(0.01);

    PrintStream out = System.out;
    List<String> rows = new ArrayList<>();
    String header = "width,config,params,train_error,train_fnr_gap,final_train_mmd,test_error,test_fnr_gap,"
        + "constrained_test_error,constrained_test_fnr_gap,epochs,seconds";
    rows.add(header);
    out.printf("Adult: %d training rows, %d threshold-selection rows, %d test rows; shared options: %s%n%n",
        train.numInstances(), select.numInstances(), test.numInstances(), shared);
    out.printf("| width | config | train err | train FNR gap | final train MMD | test err | test FNR gap | "
        + "constrained test err | its test FNR gap | epochs | s |%n|---|---|---|---|---|---|---|---|---|---|---|%n");
    for (String w : widths.split(",")) {
      for (String c : configs.split(",")) {
        MinDiffNetwork net = new MinDiffNetwork();
        net.setOptions(Utils.splitOptions(shared + " -hidden-layers " + w + " -S " + seed + " " + CONFIGS.get(c)));
        long start = System.nanoTime();
        net.buildClassifier(train);
        double seconds = (System.nanoTime() - start) / 1e9;
        GroupScores onTrain = GroupScores.of(net, train, sex, pos);
        GroupScores onSelect = GroupScores.of(net, select, sex, pos);
        GroupScores onTest = GroupScores.of(net, test, sex, pos);
        GroupMetrics tr = onTrain.atHalf();
        GroupMetrics te = onTest.atHalf();
        ThresholdSearch.Choice choice = onSelect.constrained(search, MinDiffLabel.POSITIVE);
        GroupMetrics constrained = choice.feasible() ? onTest.at(choice) : null;
        List<Double> mmd = net.getReport().trainMmd();
        double finalMmd = mmd.isEmpty() ? Double.NaN : mmd.get(mmd.size() - 1);
        int epochs = net.getReport().taskLoss().size();
        double cErr = constrained == null ? Double.NaN : constrained.overall().error();
        double cGap = constrained == null ? Double.NaN : constrained.fnrGap();
        rows.add(String.format(Locale.ROOT, "%s,%s,%d,%.4f,%.4f,%.6f,%.4f,%.4f,%.4f,%.4f,%d,%.1f", w, c,
            net.getModel().numParameters(), tr.overall().error(), tr.fnrGap(), finalMmd, te.overall().error(),
            te.fnrGap(), cErr, cGap, epochs, seconds));
        out.printf(Locale.ROOT, "| %s | %s | %.4f | %.4f | %s | %.4f | %.4f | %.4f | %.4f | %d | %.0f |%n", w, c,
            tr.overall().error(), tr.fnrGap(), Double.isNaN(finalMmd) ? "-" : String.format(Locale.ROOT, "%.5f", finalMmd),
            te.overall().error(), te.fnrGap(), cErr, cGap, epochs, seconds);
        out.flush();
      }
    }
    if (!csv.isEmpty()) {
      Files.write(Path.of(csv), rows);
    }
  }

  private static Instances read(String file) throws Exception {
    Instances d = DataSource.read(file);
    d.setClassIndex(d.numAttributes() - 1);
    return d;
  }

  private static int intOption(String name, String[] options, int dflt) throws Exception {
    String v = Utils.getOption(name, options);
    return v.isEmpty() ? dflt : Integer.parseInt(v);
  }

  private static String orDefault(String v, String dflt) {
    return v.isEmpty() ? dflt : v;
  }
}

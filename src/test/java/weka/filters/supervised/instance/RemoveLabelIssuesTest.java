// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package weka.filters.supervised.instance;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import weka.classifiers.functions.Logistic;
import weka.classifiers.meta.FilteredClassifier;
import weka.core.Attribute;
import weka.core.DenseInstance;
import weka.core.Instances;
import weka.core.SerializationHelper;
import weka.core.Utils;
import weka.filters.AbstractFilterTest;
import weka.filters.Filter;
import weka.filters.unsupervised.attribute.RemoveType;
import weka.gui.GenericPropertiesCreator;
import weka.overparam.TestData;

/**
 * Weka's filter harness on Weka's FilterTest.arff (string, nominal, numeric, date and sparse rows;
 * class NominalAtt1), plus: a hand-checked case where the filter removes exactly the injected
 * flips, the first batch only, the tool's ranking on the same data, determinism, serialization,
 * refusals, and the GUI's class list.
 */
public class RemoveLabelIssuesTest extends AbstractFilterTest {
  public RemoveLabelIssuesTest(String name) {
    super(name);
  }

  @Override
  protected void setUp() throws Exception {
    super.setUp();
    m_Instances.setClassIndex(1); // NominalAtt1 {r, g, b}: 21 instances, no missing class
  }

  /** Logistic behind a RemoveType, so that FilterTest.arff's string attributes pass through the filter. */
  @Override
  public Filter getFilter() {
    FilteredClassifier fc = new FilteredClassifier();
    fc.setFilter(new RemoveType());
    fc.setClassifier(new Logistic());
    RemoveLabelIssues filter = new RemoveLabelIssues();
    filter.setClassifier(fc);
    filter.setFolds(3);
    filter.setNumIssues(4);
    return filter;
  }

  private static RemoveLabelIssues logistic() {
    RemoveLabelIssues f = new RemoveLabelIssues();
    f.setClassifier(new Logistic());
    return f;
  }

  /**
   * Two well-separated Gaussian clouds (A at (0, 0), B at (6, 6), sd 0.7), 30 each; instances 3 and 17
   * (A) are labelled B and 40 (B) is labelled A. Every model that did not see a flipped instance gives
   * its given label a probability near 0, every other instance's near 1.
   */
  static final int[] FLIPPED = {3, 17, 40};

  static Instances twoClouds() {
    ArrayList<Attribute> atts = new ArrayList<>(List.of(new Attribute("x"), new Attribute("y"),
        new Attribute("class", List.of("A", "B"))));
    Instances data = new Instances("two-clouds", atts, 60);
    data.setClassIndex(2);
    Random rng = new Random(7);
    for (int i = 0; i < 60; i++) {
      int truth = i < 30 ? 0 : 1;
      int given = Arrays.binarySearch(FLIPPED, i) >= 0 ? 1 - truth : truth;
      double c = 6.0 * truth;
      data.add(new DenseInstance(1, new double[] {c + 0.7 * rng.nextGaussian(), c + 0.7 * rng.nextGaussian(), given}));
    }
    return data;
  }

  public void testRemovesExactlyTheInjectedFlips() throws Exception {
    Instances data = twoClouds();
    RemoveLabelIssues f = logistic(); // AUTOMATIC: confident learning, k = its estimate
    f.setInputFormat(data);
    Instances out = Filter.useFilter(data, f);
    int[] found = f.getIssueIndices();
    Arrays.sort(found);
    assertEquals(Arrays.toString(FLIPPED), Arrays.toString(found));
    assertEquals(57, out.numInstances());
    // the kept instances are the others, in their order
    int j = 0;
    for (int i = 0; i < data.numInstances(); i++) {
      if (Arrays.binarySearch(FLIPPED, i) < 0) {
        assertEquals(data.instance(i).toString(), out.instance(j++).toString());
      }
    }

    RemoveLabelIssues inverted = logistic();
    inverted.setInvert(true);
    inverted.setInputFormat(data);
    Instances review = Filter.useFilter(data, inverted);
    assertEquals(3, review.numInstances());
    for (int r = 0; r < 3; r++) {
      assertEquals(data.instance(FLIPPED[r]).toString(), review.instance(r).toString());
    }
  }

  public void testAddScoreRanksWithoutRemoving() throws Exception {
    Instances data = twoClouds();
    RemoveLabelIssues f = logistic();
    f.setAddScore(true);
    f.setInputFormat(data);
    Instances out = Filter.useFilter(data, f);
    assertEquals(60, out.numInstances());
    assertEquals(7, out.numAttributes());
    assertEquals(2, out.classIndex());
    Attribute issue = out.attribute(RemoveLabelIssues.ISSUE_ATTRIBUTE);
    Attribute rank = out.attribute(RemoveLabelIssues.RANK_ATTRIBUTE);
    Attribute score = out.attribute(RemoveLabelIssues.SCORE_ATTRIBUTE);
    Attribute suggested = out.attribute(RemoveLabelIssues.SUGGESTED_ATTRIBUTE);
    boolean[] seenRank = new boolean[61];
    for (int i = 0; i < 60; i++) {
      boolean flipped = Arrays.binarySearch(FLIPPED, i) >= 0;
      assertEquals("instance " + i, flipped ? "yes" : "no", out.instance(i).stringValue(issue));
      int r = (int) out.instance(i).value(rank);
      assertFalse("rank " + r + " twice", seenRank[r]);
      seenRank[r] = true;
      assertEquals(flipped, r <= 3);
      if (flipped) {
        // the label suggested is the true one, and confident learning's issues score above 3
        assertEquals(i < 30 ? "A" : "B", out.instance(i).stringValue(suggested));
        assertTrue(out.instance(i).value(score) > 3);
      } else {
        assertTrue(out.instance(i).value(score) < 3);
      }
    }

    // inverted as well: only the three, with their attributes
    f.setInvert(true);
    f.setInputFormat(data);
    Instances review = Filter.useFilter(data, f);
    assertEquals(3, review.numInstances());
    assertEquals(7, review.numAttributes());
    // test data: passed through, the added attributes missing
    Instances test = Filter.useFilter(data, f);
    assertEquals(60, test.numInstances());
    assertTrue(test.instance(0).isMissing(test.attribute(RemoveLabelIssues.RANK_ATTRIBUTE)));
    assertEquals(data.instance(3).value(0), test.instance(3).value(0));
  }

  public void testLaterBatchesPassThroughUnchanged() throws Exception {
    Instances data = twoClouds();
    RemoveLabelIssues f = logistic();
    f.setInputFormat(data);
    assertEquals(57, Filter.useFilter(data, f).numInstances());
    Instances second = Filter.useFilter(data, f);
    assertNull(compareDatasets(data, second));
    assertEquals(60, second.numInstances());
    // a new input format starts again with a first batch
    f.setInputFormat(data);
    assertEquals(0, f.getIssueIndices().length);
    assertEquals(57, Filter.useFilter(data, f).numInstances());
  }

  public void testDeterministicAndSerializable() throws Exception {
    Instances data = twoClouds();
    String[] options = Utils.splitOptions("-W weka.classifiers.functions.Logistic -method SELF_CONFIDENCE -k 10 "
        + "-folds 4 -S 3 -add-score");
    RemoveLabelIssues a = new RemoveLabelIssues();
    a.setOptions(options.clone());
    a.setInputFormat(data);
    Instances outA = Filter.useFilter(data, a);
    RemoveLabelIssues b = new RemoveLabelIssues();
    b.setOptions(options.clone());
    b.setInputFormat(data);
    Instances outB = Filter.useFilter(data, b);
    assertEquals(outA.toString(), outB.toString());
    assertEquals(Arrays.toString(a.getIssueIndices()), Arrays.toString(b.getIssueIndices()));

    // a saved filter (as in a saved FilteredClassifier) treats test data as the original does
    RemoveLabelIssues copy = (RemoveLabelIssues) SerializationHelper.read(
        new java.io.ByteArrayInputStream(serialize(a)));
    assertEquals(Arrays.toString(a.getIssueIndices()), Arrays.toString(copy.getIssueIndices()));
    assertEquals(Filter.useFilter(data, a).toString(), Filter.useFilter(data, copy).toString());
  }

  private static byte[] serialize(Object o) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    SerializationHelper.write(bytes, o);
    return bytes.toByteArray();
  }

  /** The filter's default k and ranking are the tool's: it removes exactly the instances the tool lists. */
  public void testRemovesWhatTheToolLists() throws Exception {
    String noisy = TestData.path("arff/wine-noisy.arff");
    assertEquals(toolList(noisy, "-W", "weka.classifiers.functions.Logistic"),
        filterList(noisy, "-W weka.classifiers.functions.Logistic"));
    // the default method with SopRobustNetwork (COMBINED, MIN_RANK), a small network
    String sop = "weka.classifiers.functions.SopRobustNetwork -epochs 20 -hidden-layers 16 -batch-size-train 16";
    assertEquals(toolList(noisy, Utils.splitOptions("-W weka.classifiers.functions.SopRobustNetwork -- -epochs 20 "
        + "-hidden-layers 16 -batch-size-train 16")), filterList(noisy, "-W \"" + sop + "\""));
  }

  /** 1-based instance numbers of the tool's list (its default -k), sorted. */
  private static String toolList(String file, String... classifier) throws Exception {
    List<String> args = new ArrayList<>(List.of("-t", file, "-truth-attribute", "label_flipped"));
    args.addAll(List.of(classifier));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream stdout = System.out;
    try (PrintStream capture = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      System.setOut(capture);
      weka.overparam.LabelIssues tool = new weka.overparam.LabelIssues();
      tool.run(tool, args.toArray(new String[0]));
    } finally {
      System.setOut(stdout);
    }
    String text = bytes.toString(StandardCharsets.UTF_8);
    String table = text.substring(text.indexOf("\nTop "), text.indexOf("\nAgainst "));
    Matcher row = Pattern.compile("\\n\\s+\\d+\\s+(\\d+)\\s").matcher(table);
    List<Integer> listed = new ArrayList<>();
    while (row.find()) {
      listed.add(Integer.parseInt(row.group(1)));
    }
    assertTrue(text, listed.size() > 0);
    return Arrays.toString(listed.stream().mapToInt(Integer::intValue).sorted().toArray());
  }

  private static String filterList(String file, String options) throws Exception {
    Instances data = weka.core.converters.ConverterUtils.DataSource.read(file);
    data.setClassIndex(data.numAttributes() - 1);
    data.deleteAttributeAt(data.attribute("label_flipped").index());
    RemoveLabelIssues f = new RemoveLabelIssues();
    f.setOptions(Utils.splitOptions(options));
    f.setInputFormat(data);
    Filter.useFilter(data, f);
    int[] found = f.getIssueIndices();
    Arrays.sort(found);
    return Arrays.toString(Arrays.stream(found).map(i -> i + 1).toArray());
  }

  public void testBadInputIsRefusedWithAReason() throws Exception {
    Instances data = twoClouds();
    Instances noClass = new Instances(data);
    noClass.setClassIndex(-1);
    assertRefused(noClass, logistic(), "needs a class attribute");
    Instances numeric = new Instances(data);
    numeric.setClassIndex(0);
    assertRefused(numeric, logistic(), "nominal class");
    Instances oneClass = new Instances(data, 0);
    for (int i = 0; i < 30; i++) {
      oneClass.add(data.instance(Arrays.binarySearch(FLIPPED, i) >= 0 ? 0 : i)); // class A only
    }
    assertRefused(oneClass, logistic(), "only one class ('A')");
    Instances missing = new Instances(data);
    missing.instance(5).setClassMissing();
    assertRefused(missing, logistic(), "instance 6 has no class value");
    Instances three = new Instances(data, 0);
    three.add(data.instance(0));
    three.add(data.instance(1));
    three.add(data.instance(45));
    assertRefused(three, logistic(), "-folds 5 is more than the 3 instances");
    RemoveLabelIssues combined = logistic();
    combined.setMethod(RemoveLabelIssues.Method.COMBINED);
    assertRefused(data, combined, "SopRobustNetwork");
    RemoveLabelIssues hard = new RemoveLabelIssues();
    hard.setClassifier(new weka.classifiers.rules.OneR());
    assertRefused(data, hard, "hard 0/1 predictions");
    IllegalArgumentException e = expectIllegal(() -> new RemoveLabelIssues().setOptions(new String[] {"-folds", "1"}));
    assertTrue(e.getMessage(), e.getMessage().contains("-folds must be at least 2"));
    e = expectIllegal(() -> new RemoveLabelIssues().setOptions(new String[] {"-method", "FOO"}));
    assertTrue(e.getMessage(), e.getMessage().contains("-method must be one of AUTOMATIC"));
    e = expectIllegal(() -> new RemoveLabelIssues().setOptions(new String[] {"-k", "-2"}));
    assertTrue(e.getMessage(), e.getMessage().contains("-k must be >= 0"));
  }

  private static void assertRefused(Instances data, RemoveLabelIssues f, String fragment) {
    IllegalArgumentException e = expectIllegal(() -> {
      f.setInputFormat(data);
      Filter.useFilter(data, f);
    });
    assertTrue(e.getMessage(), e.getMessage().contains(fragment));
  }

  interface Action {
    void run() throws Exception;
  }

  private static IllegalArgumentException expectIllegal(Action action) {
    try {
      action.run();
    } catch (IllegalArgumentException e) {
      return e;
    } catch (Exception e) {
      throw new AssertionError("expected an IllegalArgumentException, got " + e, e);
    }
    throw new AssertionError("expected an IllegalArgumentException, got none");
  }

  /** No two options share a flag, and none takes one that Weka's filter command line reads itself. */
  public void testFlagsAreUniqueAndFreeOnTheCommandLine() throws Exception {
    List<String> flags = List.of(weka.overparam.OptionContract.flags(RemoveLabelIssues.class));
    assertEquals(flags.toString(), flags.size(), new java.util.HashSet<>(flags).size());
    for (String reserved : List.of("i", "o", "c", "b", "r", "s", "h")) {
      assertFalse(reserved, flags.contains(reserved));
    }
  }

  /** The Explorer's filter tree lists the filter (Weka's GenericPropertiesCreator finds it dynamically). */
  public void testTheGuiListsTheFilter() throws Exception {
    GenericPropertiesCreator creator = new GenericPropertiesCreator();
    creator.execute(false);
    String filters = creator.getOutputProperties().getProperty("weka.filters.Filter");
    assertTrue(filters, Arrays.asList(filters.split(",")).contains(RemoveLabelIssues.class.getName()));
  }
}

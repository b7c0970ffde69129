// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package weka.overparam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.beans.BeanInfo;
import java.beans.Introspector;
import java.beans.MethodDescriptor;
import java.beans.PropertyDescriptor;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import weka.classifiers.functions.ItopSparseNetwork;
import weka.classifiers.functions.SopRobustNetwork;
import weka.core.OptionHandler;
import weka.core.OptionMetadata;
import weka.gui.FilePropertyMetadata;
import weka.gui.ProgrammaticProperty;

/**
 * The texts the Generic Object Editor shows. Weka's PropertySheetPanel shows an option's description
 * up to its first '.' as the tool tip, and the {@code globalInfo()} up to and including its first
 * '.' as the "About" summary (Utils.getGlobalInfo, used for the class tree's tool tips, cuts there
 * too). So the text before the first '.' must be a whole statement: the '.' ends a sentence
 * (followed by a space or the end, not inside a number, an abbreviation or a name such as
 * toString()), and the parentheses, brackets and quotes before it are balanced.
 */
class DialogTextTest {

  /** Every learner and filter of the package, listed so that a failed discovery cannot hide one. */
  static final List<String> LEARNERS = List.of(
      "weka.classifiers.functions.ItopSparseNetwork",
      "weka.classifiers.functions.SopRobustNetwork",
      "weka.classifiers.functions.MinDiffNetwork",
      "weka.classifiers.functions.OverparameterizedKernelGD",
      "weka.clusterers.OverparameterizedEM",
      "weka.filters.supervised.attribute.AsymmetricLabelNoise",
      "weka.filters.supervised.instance.RemoveLabelIssues");

  private static final Pattern ABBREVIATION = Pattern.compile("(?i).*\\b(e\\.g|i\\.e|etc|cf|vs|approx|incl|resp|no"
      + "|fig|eq|et al)$");
  private static final Pattern INTERVAL = Pattern.compile("[\\[(]\\s*[-+\\w.]+\\s*,\\s*[-+\\w.]+\\s*[\\])]");

  /** The explicit list plus every concrete OptionHandler with a public no-argument constructor in the package's Weka classes. */
  static Stream<String> learners() throws Exception {
    Set<String> all = new TreeSet<>(LEARNERS);
    all.addAll(discovered());
    return all.stream();
  }

  /** Concrete, public OptionHandlers with a public no-argument constructor among the compiled classes under weka/. */
  static Set<String> discovered() throws IOException, URISyntaxException {
    Path root = Path.of(ItopSparseNetwork.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Set<String> found = new TreeSet<>();
    try (Stream<Path> files = Files.walk(root.resolve("weka"))) {
      for (Path p : files.filter(f -> f.toString().endsWith(".class") && !f.toString().contains("$"))
          .collect(Collectors.toList())) {
        String name = root.relativize(p).toString().replace(p.getFileSystem().getSeparator(), ".")
            .replaceAll("\\.class$", "");
        Class<?> c;
        try {
          c = Class.forName(name, false, DialogTextTest.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
          continue;
        }
        if (OptionHandler.class.isAssignableFrom(c) && Modifier.isPublic(c.getModifiers())
            && !Modifier.isAbstract(c.getModifiers()) && hasPublicNoArgConstructor(c)) {
          found.add(name);
        }
      }
    }
    return found;
  }

  private static boolean hasPublicNoArgConstructor(Class<?> c) {
    for (Constructor<?> k : c.getConstructors()) {
      if (k.getParameterCount() == 0) {
        return true;
      }
    }
    return false;
  }

  @Test
  void discoveryFindsEveryListedLearner() throws Exception {
    assertTrue(discovered().containsAll(LEARNERS), "discovered " + discovered());
  }

  @ParameterizedTest
  @MethodSource("learners")
  void noToolTipOrSummaryIsCutInsideAStatement(String className) throws Exception {
    Object target = Class.forName(className).getDeclaredConstructor().newInstance();
    List<String> bad = new ArrayList<>();
    for (Shown s : shown(target)) {
      String problem = cutProblem(s.text());
      if (problem != null) {
        bad.add(s.property() + ": " + problem + ": \"" + firstSentence(s.text()) + "\"");
      }
    }
    Method globalInfo = target.getClass().getMethod("globalInfo");
    String problem = cutProblem((String) globalInfo.invoke(target));
    if (problem != null) {
      bad.add("globalInfo: " + problem + ": \"" + firstSentence((String) globalInfo.invoke(target)) + "\"");
    }
    assertTrue(bad.isEmpty(), className + ":\n" + String.join("\n", bad));
  }

  /**
   * A tool tip (the text up to its first period) of at most this many characters fits a 1600-pixel screen; the
   * "sparse execution" one had 326 and was cut at the screen's edge before it named its default.
   */
  static final int MAX_TOOL_TIP = 200;

  @ParameterizedTest
  @MethodSource("learners")
  void everyToolTipFitsOnTheScreen(String className) throws Exception {
    Object target = Class.forName(className).getDeclaredConstructor().newInstance();
    List<String> bad = new ArrayList<>();
    for (Shown s : shown(target)) {
      String tip = firstSentence(s.text());
      if (tip.length() > MAX_TOOL_TIP) {
        bad.add(s.property() + " (" + tip.length() + " characters): \"" + tip + "\"");
      }
    }
    assertTrue(bad.isEmpty(), className + ":\n" + String.join("\n", bad));
  }

  /**
   * Each option's description names the learner's own default: the value after the first "default"
   * is the value a new instance has (the base class's text is overridden where a learner differs).
   */
  @ParameterizedTest
  @MethodSource("learners")
  void everyDescriptionNamesTheLearnersOwnDefault(String className) throws Exception {
    Object target = Class.forName(className).getDeclaredConstructor().newInstance();
    List<String> bad = new ArrayList<>();
    for (Shown s : shown(target)) {
      if (s.meta() == null) {
        continue;
      }
      String named = namedDefault(s.text());
      if (named == null) {
        bad.add(s.property() + ": no default named in \"" + s.text() + "\"");
        continue;
      }
      Object value = Introspector.getBeanInfo(target.getClass()).getPropertyDescriptors().length == 0 ? null
          : property(target, s.property());
      // an object option (a classifier) is named by its class
      String actual = value instanceof java.io.File f ? f.getPath()
          : value instanceof weka.classifiers.Classifier c ? c.getClass().getName() : String.valueOf(value);
      if (!sameValue(named, actual)) {
        bad.add(s.property() + ": the description says default " + named + ", a new " + target.getClass()
            .getSimpleName() + " has " + actual);
      }
    }
    assertTrue(bad.isEmpty(), className + ":\n" + String.join("\n", bad));
  }

  /** "default 0.9" or "Default: 0.9", and "RBF (default)" (the choice before it). */
  private static final Pattern DEFAULT = Pattern.compile("\\b[Dd]efault:? ([^\\s;)]+)");
  private static final Pattern DEFAULT_CHOICE = Pattern.compile("([^\\s(]+) \\([Dd]efault[);:]");

  /** The value the text names as the default (the first one), or null. */
  static String namedDefault(String text) {
    Matcher value = DEFAULT.matcher(text);
    Matcher choice = DEFAULT_CHOICE.matcher(text);
    boolean v = value.find();
    boolean c = choice.find();
    if (!v && !c) {
      return null;
    }
    String named = c && (!v || choice.start() < value.start()) ? choice.group(1) : value.group(1);
    return named.replaceAll("[.,:]+$", "");
  }

  private static Object property(Object target, String name) throws Exception {
    for (PropertyDescriptor p : Introspector.getBeanInfo(target.getClass()).getPropertyDescriptors()) {
      if (p.getName().equals(name)) {
        return p.getReadMethod().invoke(target);
      }
    }
    throw new AssertionError("no property " + name);
  }

  private static boolean sameValue(String named, String actual) {
    if (named.equalsIgnoreCase("empty")) {
      return actual.isEmpty();
    }
    if (named.equalsIgnoreCase("off") || named.equalsIgnoreCase("on")) {
      return String.valueOf(named.equalsIgnoreCase("on")).equals(actual);
    }
    try {
      return Double.parseDouble(named) == Double.parseDouble(actual);
    } catch (NumberFormatException e) {
      return named.equalsIgnoreCase(actual);
    }
  }

  /**
   * The "More" help lists every option the dialog shows, once, in the dialog's order: the main
   * panel's options by display order, then each category (in the order of its "Edit..." button,
   * which PropertySheetPanel takes from the property descriptors) by display order. Every shown
   * option keeps a tool tip.
   */
  @ParameterizedTest
  @MethodSource("learners")
  void moreHelpListsTheOptionsInTheDialogsOrder(String className) throws Exception {
    Object target = Class.forName(className).getDeclaredConstructor().newInstance();
    List<Shown> shown = shown(target);
    List<Shown> main = new ArrayList<>();
    Map<String, List<Shown>> categories = new LinkedHashMap<>();
    for (Shown s : shown) {
      assertTrue(s.meta() != null || hasTipTextDescriptor(target, s.property()), s.property() + " has no tool tip");
      String category = s.meta() == null ? "" : s.meta().category();
      (category.isEmpty() ? main : categories.computeIfAbsent(category, c -> new ArrayList<>())).add(s);
    }
    Comparator<Shown> byOrder = Comparator.comparingInt(s -> s.meta() == null ? Integer.MAX_VALUE
        : s.meta().displayOrder());
    main.sort(byOrder);
    List<Shown> expected = new ArrayList<>(main);
    categories.values().forEach(c -> {
      c.sort(byOrder);
      expected.addAll(c);
    });
    String more = moreText(target);
    assertTrue(more.contains("SYNOPSIS\n" + target.getClass().getMethod("globalInfo").invoke(target)), more);
    int at = more.indexOf("OPTIONS\n");
    assertTrue(at >= 0, more);
    for (Shown s : expected) {
      String name = s.meta() == null ? s.property() : s.meta().displayName();
      String entry = "\n" + name + " -- " + s.text()
          + (s.meta() == null ? "" : DialogBeanInfo.flagNote(s.meta().commandLineParamName())) + "\n";
      int next = more.indexOf(entry, at);
      assertTrue(next > at, className + ": '" + name + "' is missing or out of the dialog's order in\n" + more);
      assertEquals(-1, more.indexOf(entry, next + 1), name + " is listed twice");
      at = next;
    }
  }

  /**
   * Each category opens its own dialog, as tall as its fields (PropertyDialog only caps it at 95% of
   * the screen, and PropertySheetPanel places it level with the main dialog). At most {@value
   * #MAX_GROUP} fields keep a group dialog under about 500 pixels, so that it fits a 1,000-pixel
   * screen with its OK button visible.
   */
  @ParameterizedTest
  @MethodSource("learners")
  void everyGroupDialogIsSmallEnough(String className) throws Exception {
    Object target = Class.forName(className).getDeclaredConstructor().newInstance();
    Map<String, List<String>> groups = new LinkedHashMap<>();
    for (Shown s : shown(target)) {
      if (s.meta() != null && !s.meta().category().isEmpty()) {
        groups.computeIfAbsent(s.meta().category(), c -> new ArrayList<>()).add(s.property());
      }
    }
    groups.forEach((category, fields) -> assertTrue(fields.size() <= MAX_GROUP,
        className + ": group '" + category + "' has " + fields.size() + " fields: " + fields));
  }

  static final int MAX_GROUP = 10;

  /**
   * The "About" box shows the first sentence of globalInfo() (and in a group dialog "&lt;category&gt;
   * options." below it) in a 30-column text area. PropertySheetPanel sizes the group dialog before
   * that text is wrapped, so every wrapped line hides a field of the group (the Network group showed
   * one of its two fields). Each of those lines must fit on one line: at most {@value #MAX_SUMMARY}
   * characters.
   */
  @ParameterizedTest
  @MethodSource("learners")
  void aboutLinesDoNotWrap(String className) throws Exception {
    Object target = Class.forName(className).getDeclaredConstructor().newInstance();
    String info = (String) target.getClass().getMethod("globalInfo").invoke(target);
    String summary = info.indexOf('.') < 0 ? info : info.substring(0, info.indexOf('.') + 1);
    assertTrue(summary.length() <= MAX_SUMMARY, className + ": summary of " + summary.length() + " characters: "
        + summary);
    for (Shown s : shown(target)) {
      if (s.meta() != null && !s.meta().category().isEmpty()) {
        String line = s.meta().category() + " options.";
        assertTrue(line.length() <= MAX_SUMMARY, className + ": " + line);
      }
    }
  }

  static final int MAX_SUMMARY = 48;

  /** An option that holds a file path is a java.io.File with Weka's file chooser (FilePropertyMetadata). */
  @ParameterizedTest
  @MethodSource("learners")
  void fileOptionsGetAFileChooser(String className) throws Exception {
    for (PropertyDescriptor p : Introspector.getBeanInfo(Class.forName(className)).getPropertyDescriptors()) {
      OptionMetadata meta = p.getReadMethod() == null ? null : p.getReadMethod().getAnnotation(OptionMetadata.class);
      if (meta != null && meta.commandLineParamSynopsis().matches(".*<(path|file|dir)[^>]*>.*")) {
        assertEquals(java.io.File.class, p.getPropertyType(), p.getName());
        assertTrue(p.getReadMethod().isAnnotationPresent(FilePropertyMetadata.class), p.getName());
      }
    }
  }

  @Test
  void theNoiseReportFileKeepsItsFlagAndEmptyMeansNoReport() throws Exception {
    SopRobustNetwork net = new SopRobustNetwork();
    net.setOptions(new String[] {"-noise-report-file", "suspects.csv"});
    assertEquals("suspects.csv", net.getNoiseReportFile().getPath());
    List<String> options = List.of(net.getOptions());
    assertEquals("suspects.csv", options.get(options.indexOf("-noise-report-file") + 1));
    net.setOptions(new String[] {"-noise-report-file", ""});
    assertEquals("", net.getNoiseReportFile().getPath());
    assertTrue(!List.of(net.getOptions()).contains("-noise-report-file"));
  }

  private static boolean hasTipTextDescriptor(Object target, String property) throws Exception {
    for (MethodDescriptor md : Introspector.getBeanInfo(target.getClass()).getMethodDescriptors()) {
      if (md.getDisplayName().equals(property + "TipText")) {
        return true;
      }
    }
    return false;
  }

  /** The "More" text as PropertySheetPanel.setTarget builds it, from the bean's method descriptors. */
  static String moreText(Object target) throws Exception {
    StringBuilder options = new StringBuilder();
    String synopsis = null;
    boolean first = true;
    for (MethodDescriptor md : Introspector.getBeanInfo(target.getClass()).getMethodDescriptors()) {
      String name = md.getDisplayName();
      Method meth = md.getMethod();
      OptionMetadata o = meth.getAnnotation(OptionMetadata.class);
      if ((name.endsWith("TipText") && meth.getReturnType().equals(String.class)) || o != null) {
        String tip = o != null ? o.description() : (String) meth.invoke(target);
        name = o != null ? o.displayName() : name;
        if (first) {
          options.append("OPTIONS\n");
          first = false;
        }
        options.append(name.replace("TipText", "")).append(" -- ").append(tip).append("\n\n");
      }
      if (name.equals("globalInfo")) {
        synopsis = (String) meth.invoke(target);
      }
    }
    return "SYNOPSIS\n" + synopsis + "\n\n" + options;
  }

  @Test
  void theRuleFindsTheCutsItIsMeantToFind() {
    assertEquals(null, cutProblem("Base learning rate. Greater than zero (default 0.05)."));
    assertEquals(null, cutProblem("No period at all"));
    assertTrue(cutProblem("Base learning rate, > 0 (default 0.05).") != null);
    assertTrue(cutProblem("Weights (they count. Really).") != null);
    assertEquals(null, cutProblem("Fraction held out, in [0, 1). Default 0."));
    assertTrue(cutProblem("Comma-separated pairs, e.g. a->b.") != null);
    assertTrue(cutProblem("Listed by toString() and written by writeNoiseReport(Path).") == null);
    assertTrue(cutProblem("Read with getNoiseReport().later.") != null);
  }

  /** Why Weka's cut at the first '.' leaves an incomplete statement, or null if it does not. */
  static String cutProblem(String text) {
    int ci = text.indexOf('.');
    if (ci < 0) {
      return null;
    }
    String head = text.substring(0, ci);
    if (head.isBlank()) {
      return "empty first sentence";
    }
    if (ci + 1 < text.length() && !Character.isWhitespace(text.charAt(ci + 1))) {
      return "the first '.' is inside a number or a name";
    }
    if (ABBREVIATION.matcher(head).matches()) {
      return "the first '.' ends an abbreviation";
    }
    // An interval such as [0, 1) is balanced as a whole.
    head = INTERVAL.matcher(head).replaceAll("");
    if (count(head, '(') != count(head, ')') || count(head, '[') != count(head, ']')
        || count(head, '{') != count(head, '}')) {
      return "unbalanced brackets before the first '.'";
    }
    if (count(head, '"') % 2 != 0) {
      return "unbalanced quotes before the first '.'";
    }
    return null;
  }

  private static long count(String s, char c) {
    return s.chars().filter(x -> x == c).count();
  }

  private static String firstSentence(String text) {
    int ci = text.indexOf('.');
    return ci < 0 ? text : text.substring(0, ci);
  }

  /** A property as the GOE shows it and the text its tool tip is cut from. */
  record Shown(String property, OptionMetadata meta, String text) {}

  /**
   * The properties PropertySheetPanel shows (bean introspection, read and write methods, not hidden,
   * expert or {@link ProgrammaticProperty}) with their descriptions: the {@code @OptionMetadata} of
   * the getter or setter, else the result of {@code <name>TipText()}.
   */
  static List<Shown> shown(Object target) throws Exception {
    BeanInfo bi = Introspector.getBeanInfo(target.getClass());
    List<Shown> out = new ArrayList<>();
    for (PropertyDescriptor p : bi.getPropertyDescriptors()) {
      Method getter = p.getReadMethod();
      Method setter = p.getWriteMethod();
      if (getter == null || setter == null || p.isHidden() || p.isExpert()
          || getter.isAnnotationPresent(ProgrammaticProperty.class)
          || setter.isAnnotationPresent(ProgrammaticProperty.class)) {
        continue;
      }
      OptionMetadata meta = getter.getAnnotation(OptionMetadata.class);
      if (meta == null) {
        meta = setter.getAnnotation(OptionMetadata.class);
      }
      if (meta != null) {
        out.add(new Shown(p.getName(), meta, meta.description()));
        continue;
      }
      try {
        Method tip = target.getClass().getMethod(p.getName() + "TipText");
        out.add(new Shown(p.getName(), null, (String) tip.invoke(target)));
      } catch (NoSuchMethodException e) {
        // no tool tip (e.g. "options", which the GOE has no editor for)
      }
    }
    return out;
  }
}

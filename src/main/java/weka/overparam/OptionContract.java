// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package weka.overparam;

import java.beans.IntrospectionException;
import java.beans.Introspector;
import java.beans.PropertyDescriptor;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import weka.core.OptionMetadata;

/**
 * The option contract every learner, filter and tool of the package keeps: a value that is not a
 * number, not one of the allowed choices, out of range, or an empty list is an {@link
 * IllegalArgumentException} naming the flag, the value and what is allowed; options left out of
 * {@code setOptions} revert to their defaults.
 *
 * <p>Weka's reflective parsing of {@code @OptionMetadata} options prints a stack trace for a bad
 * number and then skips the remaining options, ignores an unknown enum constant, and leaves absent
 * options at their old values; its hand-written parsers (-S, -batch-size) throw a bare
 * NumberFormatException. {@link #setOptions} checks the arguments first, resets the options to
 * their defaults, lets Weka set them, and then asks the learner to check ranges and combinations
 * ({@link Checked}).
 */
public final class OptionContract {
  private OptionContract() {}

  /** A learner whose option values are checked together (ranges, combinations) after they are set. */
  public interface Checked {
    /**
     * @throws IllegalArgumentException naming the flag of the first bad value
     */
    void checkOptions();
  }

  /** The inherited setOptions of the learner's Weka superclass. */
  @FunctionalInterface
  public interface Inherited {
    void setOptions(String[] options) throws Exception;
  }

  /** What a flag that Weka's superclasses parse by hand must hold. */
  private enum Kind { INTEGER, POSITIVE_INTEGER, NON_NEGATIVE_INTEGER }

  /** Options of Weka's superclasses: -S (Randomizable*), -batch-size and -num-decimal-places (AbstractClassifier). */
  private static final Map<String, Kind> INHERITED = Map.of("S", Kind.INTEGER, "batch-size", Kind.POSITIVE_INTEGER,
      "num-decimal-places", Kind.NON_NEGATIVE_INTEGER);

  /**
   * Sets the options of an {@code @OptionMetadata} learner under the contract.
   *
   * @param target the learner (its class must have a public no-argument constructor)
   * @param options the options; recognised ones are consumed, as Weka does
   * @param inherited the superclass's setOptions
   */
  public static void setOptions(Object target, String[] options, Inherited inherited) throws Exception {
    renameOldFlags(options, target);
    List<PropertyDescriptor> emptied = validate(options, target);
    resetToDefaults(target);
    inherited.setOptions(options);
    for (PropertyDescriptor p : emptied) {
      invoke(p, target, ""); // Weka skips an empty value; the learner's check decides whether "" is allowed
    }
    if (target instanceof Checked checked) {
      checked.checkOptions();
    }
  }

  /**
   * Flags renamed, old to new, that option strings saved before (Experimenter set-ups, flows, scripts through the
   * Java API) still use. "-distribution" is also Weka's own evaluation flag, which took it first on the command line.
   */
  private static final Map<String, String> RENAMED = Map.of("-distribution", "-density-distribution");

  /** Replaces, in place (as Weka's option readers consume options), each old flag the target knows by its new name. */
  static void renameOldFlags(String[] options, Object target) throws IntrospectionException {
    List<String> flags = new ArrayList<>();
    for (PropertyDescriptor p : annotated(target.getClass())) {
      flags.add("-" + p.getReadMethod().getAnnotation(OptionMetadata.class).commandLineParamName());
    }
    for (int i = 0; i < options.length; i++) {
      String renamed = RENAMED.get(options[i]);
      if (renamed != null && flags.contains(renamed) && !flags.contains(options[i])) {
        options[i] = renamed;
      }
    }
  }

  /**
   * Checks every option value in {@code options} that its property or Weka's superclass could not
   * take (non-numbers, unknown choices, a flag without a value).
   *
   * @return the String properties given an explicitly empty value
   * @throws IllegalArgumentException naming the flag, the value and what is allowed
   */
  static List<PropertyDescriptor> validate(String[] options, Object target) throws IntrospectionException {
    List<PropertyDescriptor> emptied = new ArrayList<>();
    List<String> annotatedFlags = new ArrayList<>();
    for (PropertyDescriptor p : annotated(target.getClass())) {
      OptionMetadata meta = p.getReadMethod().getAnnotation(OptionMetadata.class);
      String flag = "-" + meta.commandLineParamName();
      annotatedFlags.add(flag);
      if (meta.commandLineParamIsFlag()) {
        continue;
      }
      String value = valueOf(flag, options);
      if (value == null) {
        continue;
      }
      Class<?> type = p.getPropertyType();
      if (type == String.class) {
        if (value.isEmpty()) {
          emptied.add(p);
        }
      } else if (type == int.class || type == Integer.class) {
        parseInt(flag, value);
      } else if (type == long.class || type == Long.class) {
        parseLong(flag, value);
      } else if (type == double.class || type == Double.class || type == float.class || type == Float.class) {
        parseDouble(flag, value);
      } else if (type.isEnum()) {
        Object[] constants = type.getEnumConstants();
        // Weka matches an enum constant by its toString() (weka.core.EnumHelper), case-sensitively.
        if (Arrays.stream(constants).noneMatch(c -> c.toString().equals(value))) {
          throw new IllegalArgumentException(flag + " must be one of " + Arrays.stream(constants)
              .map(Object::toString).collect(Collectors.joining(", ")) + "; got '" + value + "'");
        }
      }
    }
    for (Map.Entry<String, Kind> e : INHERITED.entrySet()) {
      String flag = "-" + e.getKey();
      String value = annotatedFlags.contains(flag) ? null : valueOf(flag, options);
      if (value != null) {
        int v = parseInt(flag, value);
        if ((e.getValue() == Kind.POSITIVE_INTEGER && v < 1) || (e.getValue() == Kind.NON_NEGATIVE_INTEGER && v < 0)) {
          throw new IllegalArgumentException(flag + " must be " + (e.getValue() == Kind.POSITIVE_INTEGER ? "> 0"
              : ">= 0") + ", got " + v);
        }
      }
    }
    return emptied;
  }

  /** The value after the first {@code flag} in {@code options}; null if the flag is absent. */
  private static String valueOf(String flag, String[] options) {
    for (int i = 0; i < options.length; i++) {
      if (flag.equals(options[i])) {
        if (i + 1 >= options.length) {
          throw new IllegalArgumentException(flag + " needs a value");
        }
        return options[i + 1];
      }
    }
    return null;
  }

  /**
   * @throws IllegalArgumentException naming the flag
   */
  public static int parseInt(String flag, String value) {
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(flag + " expects an integer, got '" + value + "'");
    }
  }

  /**
   * @throws IllegalArgumentException naming the flag
   */
  public static long parseLong(String flag, String value) {
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(flag + " expects an integer, got '" + value + "'");
    }
  }

  /**
   * @throws IllegalArgumentException naming the flag
   */
  public static double parseDouble(String flag, String value) {
    try {
      return Double.parseDouble(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(flag + " expects a number, got '" + value + "'");
    }
  }

  /** Copies every annotated option property of a freshly constructed instance onto {@code target}. */
  public static void resetToDefaults(Object target) throws Exception {
    Object fresh = target.getClass().getDeclaredConstructor().newInstance();
    for (PropertyDescriptor p : annotated(target.getClass())) {
      invoke(p, target, p.getReadMethod().invoke(fresh));
    }
  }

  private static void invoke(PropertyDescriptor p, Object target, Object value) throws Exception {
    try {
      p.getWriteMethod().invoke(target, value);
    } catch (InvocationTargetException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    }
  }

  /** Flags of all annotated options, for uniqueness checks. */
  public static String[] flags(Class<?> cls) throws IntrospectionException {
    return Arrays.stream(annotated(cls))
        .map(p -> p.getReadMethod().getAnnotation(OptionMetadata.class).commandLineParamName())
        .toArray(String[]::new);
  }

  /**
   * The options of {@code target} whose values differ from those of a new instance of its class: flag (with its
   * dash) to category, in the order of introspection.
   */
  public static Map<String, String> changedOptions(Object target) {
    try {
      Object fresh = target.getClass().getDeclaredConstructor().newInstance();
      Map<String, String> changed = new LinkedHashMap<>();
      for (PropertyDescriptor p : annotated(target.getClass())) {
        OptionMetadata meta = p.getReadMethod().getAnnotation(OptionMetadata.class);
        Object value = p.getReadMethod().invoke(target);
        if (!String.valueOf(value).equals(String.valueOf(p.getReadMethod().invoke(fresh)))) {
          changed.put("-" + meta.commandLineParamName(), meta.category());
        }
      }
      return changed;
    } catch (ReflectiveOperationException | IntrospectionException e) {
      throw new IllegalStateException("cannot compare the options of " + target.getClass().getName(), e);
    }
  }

  /** The flags of {@code changed} ({@link #changedOptions}) whose category starts with {@code categoryPrefix}. */
  public static List<String> flagsIn(Map<String, String> changed, String categoryPrefix) {
    return changed.entrySet().stream().filter(e -> e.getValue().startsWith(categoryPrefix)).map(Map.Entry::getKey)
        .collect(Collectors.toCollection(ArrayList::new));
  }

  private static PropertyDescriptor[] annotated(Class<?> cls) throws IntrospectionException {
    return Arrays.stream(Introspector.getBeanInfo(cls, Object.class).getPropertyDescriptors())
        .filter(p -> p.getReadMethod() != null && p.getWriteMethod() != null)
        .filter(p -> p.getReadMethod().getAnnotation(OptionMetadata.class) != null)
        .filter(p -> !p.getReadMethod().getAnnotation(OptionMetadata.class).commandLineParamName().isEmpty())
        .toArray(PropertyDescriptor[]::new);
  }
}

// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package weka.overparam;

import java.beans.BeanDescriptor;
import java.beans.BeanInfo;
import java.beans.IntrospectionException;
import java.beans.Introspector;
import java.beans.MethodDescriptor;
import java.beans.PropertyDescriptor;
import java.beans.SimpleBeanInfo;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import weka.core.OptionMetadata;
import weka.gui.ProgrammaticProperty;

/**
 * Bean information that makes the "More" help of Weka's Generic Object Editor list a learner's
 * options in the order of its dialog.
 *
 * <p>Weka's PropertySheetPanel builds that help from the bean's method descriptors: after the
 * {@code globalInfo()} text, one "name -- description" entry for every method that carries
 * {@code @OptionMetadata} or is named {@code …TipText}, in the order {@link Introspector} returns
 * them, which is the iteration order of a hash map (neither the display order nor the declaration
 * order). This class returns the introspected method descriptors without those methods and adds a
 * single entry whose text holds every option, in the dialog's order: the options of the main panel
 * by display order, then each category in the order of its "Edit..." button, by display order.
 * Properties, tool tips, the command line and {@code globalInfo()} are unchanged.
 *
 * <p>A learner {@code X} gets it through a class {@code XBeanInfo} next to it (the name {@link
 * Introspector} looks for) that passes {@code X.class} and its own static {@code optionsHelp()}.
 * Every option the dialog shows must carry {@code @OptionMetadata}, as a {@code TipText} method's
 * descriptor is left out.
 */
public abstract class DialogBeanInfo extends SimpleBeanInfo {
  private final Class<?> beanClass;
  private final Method help;

  /**
   * @param beanClass the learner
   * @param helpHolder a class with a {@code public static String optionsHelp()} that returns {@link
   *     #optionsHelp(Class)} of the learner
   */
  protected DialogBeanInfo(Class<?> beanClass, Class<?> helpHolder) {
    this.beanClass = beanClass;
    try {
      this.help = helpHolder.getMethod("optionsHelp");
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException(helpHolder.getName() + " needs a public static String optionsHelp()", e);
    }
  }

  @Override
  public BeanDescriptor getBeanDescriptor() {
    return new BeanDescriptor(beanClass);
  }

  @Override
  public MethodDescriptor[] getMethodDescriptors() {
    try {
      List<MethodDescriptor> out = new ArrayList<>();
      BeanInfo introspected = Introspector.getBeanInfo(beanClass, Introspector.IGNORE_IMMEDIATE_BEANINFO);
      for (MethodDescriptor md : introspected.getMethodDescriptors()) {
        if (!md.getMethod().isAnnotationPresent(OptionMetadata.class) && !md.getDisplayName().endsWith("TipText")) {
          out.add(md);
        }
      }
      List<Entry> entries = entries(beanClass);
      if (!entries.isEmpty()) {
        // PropertySheetPanel prints "<display name without TipText> -- <text>": the first option's
        // name, then the text of all options.
        MethodDescriptor all = new MethodDescriptor(help);
        all.setDisplayName(entries.get(0).name() + "TipText");
        out.add(all);
      }
      return out.toArray(new MethodDescriptor[0]);
    } catch (IntrospectionException e) {
      return null; // Introspector then uses reflection, as without this class
    }
  }

  /** An option as the dialog shows it, with its command-line flag (without the dash; empty if none). */
  record Entry(String name, String category, int order, String description, String flag) {}

  /**
   * What the "More" help adds to an option's description: its command-line flag, which help texts, messages and the
   * guides use where the dialog shows the label (e.g. "cosine final factor" is -lr-min-factor).
   */
  public static String flagNote(String flag) {
    return flag.isEmpty() ? "" : " Set with -" + flag + " on the command line.";
  }

  /**
   * The options of {@code beanClass} in the order of its dialog (see the class comment), formatted
   * as the rest of Weka's "More" help: the first option's description, then "name -- description"
   * for each further option, with a heading before each category's options; each description ends with the
   * option's command-line flag ({@link #flagNote}).
   */
  public static String optionsHelp(Class<?> beanClass) {
    List<Entry> entries;
    try {
      entries = entries(beanClass);
    } catch (IntrospectionException e) {
      return "";
    }
    StringBuilder sb = new StringBuilder();
    String category = "";
    for (int i = 0; i < entries.size(); i++) {
      Entry e = entries.get(i);
      if (i > 0) {
        sb.append("\n\n");
        if (!e.category().equals(category)) {
          sb.append(e.category()).append(" options (Edit... beside ").append(e.category()).append(")\n\n");
        }
        sb.append(e.name()).append(" -- ");
      }
      category = e.category();
      sb.append(e.description()).append(flagNote(e.flag()));
    }
    return sb.toString();
  }

  /** The options the dialog shows, in its order. */
  static List<Entry> entries(Class<?> beanClass) throws IntrospectionException {
    // The properties are those of plain introspection (this class adds none); asking for the full
    // bean information here would recurse into getMethodDescriptors.
    PropertyDescriptor[] properties = Introspector.getBeanInfo(beanClass, Introspector.IGNORE_IMMEDIATE_BEANINFO)
        .getPropertyDescriptors();
    List<Entry> main = new ArrayList<>();
    Map<String, List<Entry>> categories = new LinkedHashMap<>(); // in the order of the dialog's buttons
    for (PropertyDescriptor p : properties) {
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
      if (meta == null) {
        continue;
      }
      Entry e = new Entry(meta.displayName(), meta.category(), meta.displayOrder(), meta.description(),
          meta.commandLineParamName());
      if (e.category().isEmpty()) {
        main.add(e);
      } else {
        categories.computeIfAbsent(e.category(), c -> new ArrayList<>()).add(e);
      }
    }
    Comparator<Entry> byOrder = Comparator.comparingInt(Entry::order);
    main.sort(byOrder);
    List<Entry> all = new ArrayList<>(main);
    for (List<Entry> c : categories.values()) {
      c.sort(byOrder);
      all.addAll(c);
    }
    return all;
  }
}

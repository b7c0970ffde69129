package weka.overparam;

import java.beans.IntrospectionException;
import java.beans.Introspector;
import java.beans.PropertyDescriptor;
import java.lang.reflect.InvocationTargetException;
import java.util.Arrays;
import weka.core.OptionMetadata;
import weka.core.Utils;

/**
 * Support for {@code @OptionMetadata} learners: Weka's reflective option parsing prints and swallows
 * bad values (leaving the old value in place), and leaves options that are absent unchanged. These
 * helpers make a bad value an exception that names the option, and reset absent options to their
 * defaults, as Weka's hand-written learners do.
 */
public final class OptionValues {
  private OptionValues() {}

  /** Throws if an option in {@code options} has a value its property cannot take. */
  public static void validate(String[] options, Object target) throws Exception {
    String[] copy = options.clone();
    for (PropertyDescriptor p : annotated(target.getClass())) {
      OptionMetadata meta = p.getReadMethod().getAnnotation(OptionMetadata.class);
      if (meta.commandLineParamIsFlag()) {
        continue;
      }
      String value = Utils.getOption(meta.commandLineParamName(), copy);
      if (value.isEmpty()) {
        continue;
      }
      Class<?> type = p.getPropertyType();
      String flag = "-" + meta.commandLineParamName();
      try {
        if (type == int.class || type == Integer.class) {
          Integer.parseInt(value);
        } else if (type == long.class || type == Long.class) {
          Long.parseLong(value);
        } else if (type == double.class || type == Double.class) {
          Double.parseDouble(value);
        }
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("option " + flag + " expects a " + type.getSimpleName()
            + ", got '" + value + "'");
      }
      if (type.isEnum()) {
        Object[] constants = type.getEnumConstants();
        boolean ok = Arrays.stream(constants).anyMatch(c -> c.toString().equals(value) || ((Enum<?>) c).name().equals(value));
        if (!ok) {
          throw new IllegalArgumentException("option " + flag + " must be one of " + Arrays.toString(constants)
              + ", got '" + value + "'");
        }
      }
    }
  }

  /** Copies every annotated option property of a freshly constructed instance onto {@code target}. */
  public static void resetToDefaults(Object target) throws Exception {
    Object fresh = target.getClass().getDeclaredConstructor().newInstance();
    for (PropertyDescriptor p : annotated(target.getClass())) {
      try {
        p.getWriteMethod().invoke(target, p.getReadMethod().invoke(fresh));
      } catch (InvocationTargetException e) {
        throw new IllegalStateException("cannot reset option " + p.getName(), e.getCause());
      }
    }
  }

  /** Flags of all annotated options, for uniqueness checks. */
  public static String[] flags(Class<?> cls) throws IntrospectionException {
    return Arrays.stream(annotated(cls))
        .map(p -> p.getReadMethod().getAnnotation(OptionMetadata.class).commandLineParamName())
        .toArray(String[]::new);
  }

  private static PropertyDescriptor[] annotated(Class<?> cls) throws IntrospectionException {
    return Arrays.stream(Introspector.getBeanInfo(cls, Object.class).getPropertyDescriptors())
        .filter(p -> p.getReadMethod() != null && p.getWriteMethod() != null)
        .filter(p -> p.getReadMethod().getAnnotation(OptionMetadata.class) != null)
        .filter(p -> !p.getReadMethod().getAnnotation(OptionMetadata.class).commandLineParamName().isEmpty())
        .toArray(PropertyDescriptor[]::new);
  }
}

// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.nd4j;

import java.io.File;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The class loader ND4J searches for its backends: this package's own loader, joined with the loader of the
 * overparamCUDA add-on package when Weka has loaded it.
 *
 * <p>Why it is needed: Weka 3.8 gives every package its own {@code WekaPackageLibIsolatingClassLoader}. A package
 * sees the lib/ jars of the packages it depends on, not of those that depend on it; the add-on depends on overparam
 * (its CUDA classes need ND4J's API from overparam's lib/; declared with {@code InjectDependencies}, because Weka
 * 3.8.6 resolves a {@code Depends} on any package but Weka itself through its central repository, and skips the
 * add-on when overparam is not listed there), so overparam's loader cannot see the add-on's jars. Declaring the
 * dependency the other way as well would make the two loaders search each other for every missing class without
 * end. And even a dependency would not suffice: that loader's {@code getResources} never consults dependencies, so
 * {@link java.util.ServiceLoader}, with which ND4J finds its backends
 * ({@code META-INF/services/org.nd4j.linalg.factory.Nd4jBackend}), would still miss the CUDA backend.
 *
 * <p>First choice: {@link #forPackage} adds the add-on's jars to the package's own loader ({@link #adoptJars}), so one
 * loader defines ND4J, JavaCPP and the CUDA backend. Where that is not possible, this loader answers classes and
 * resources from the package first and then from the add-on, and lists
 * the resources of both. The add-on's own loader resolves ND4J's API through its dependency on overparam, so both
 * backends implement the same {@code Nd4jBackend} class. {@link Dl4jRuntime} makes it the thread-context loader
 * whenever ND4J may start, which is the loader ND4J keeps for its service and class look-ups.
 */
public final class AddonClassLoader extends ClassLoader {
  /** The Weka package name of the CUDA add-on. */
  public static final String ADDON_PACKAGE = "overparamCUDA";

  static {
    registerAsParallelCapable();
  }

  private final ClassLoader addon;

  /** Why an installed add-on is not used (for the backend report), or null. */
  private static volatile String unusedAddonReason;

  /** Joins {@code own} (searched first, as parent) with {@code addon}. */
  public AddonClassLoader(ClassLoader own, ClassLoader addon) {
    super("overparam+" + ADDON_PACKAGE, Objects.requireNonNull(own, "own"));
    this.addon = Objects.requireNonNull(addon, "addon");
  }

  /**
   * The loader for ND4J: {@code own} with the add-on's jars adopted, or joined with the add-on's loader, when Weka
   * has loaded an add-on of the same version; else own.
   */
  public static ClassLoader forPackage(ClassLoader own) {
    ClassLoader addon = wekaPackageLoader(ADDON_PACKAGE, own);
    if (addon == null || addon == own) {
      return own;
    }
    String mine = wekaPackageVersion("overparam", own);
    String theirs = wekaPackageVersion(ADDON_PACKAGE, own);
    String reason = versionMismatch(mine, theirs);
    if (reason != null) {
      unusedAddonReason = reason;
      return own;
    }
    if (adoptJars(own, addon)) {
      return own;
    }
    return new AddonClassLoader(own, addon);
  }

  /**
   * Adds the add-on's jars to this package's own Weka loader, so that ND4J's CUDA classes are defined by the loader
   * that also defines JavaCPP's {@code Loader}. Why: JavaCPP 1.5.7 loads a native library for a class of another
   * loader through {@code Runtime.loadLibrary0}, made accessible by reflection, which Java 17 refuses unless the JVM
   * was started with {@code --add-opens java.base/java.lang=ALL-UNNAMED}; with one loader it calls
   * {@code System.load} directly. Uses Weka's own {@code WekaPackageLibIsolatingClassLoader.processDir(File, List,
   * boolean)} (the method that reads a package's lib/ folder; reflective, as it is protected). Returns false where
   * that is not possible (not inside Weka's package loader, or another Weka version), and the joined loader is used
   * instead.
   */
  static boolean adoptJars(ClassLoader own, ClassLoader addon) {
    if (!(addon instanceof URLClassLoader urls)) {
      return false;
    }
    Set<File> dirs = new LinkedHashSet<>();
    for (URL u : urls.getURLs()) {
      if ("file".equals(u.getProtocol()) && u.getPath().toLowerCase(java.util.Locale.ROOT).endsWith(".jar")) {
        try {
          dirs.add(new File(u.toURI()).getParentFile());
        } catch (java.net.URISyntaxException | IllegalArgumentException e) {
          return false;
        }
      }
    }
    Method processDir = null;
    for (Class<?> c = own.getClass(); c != null && processDir == null; c = c.getSuperclass()) {
      try {
        processDir = c.getDeclaredMethod("processDir", File.class, List.class, boolean.class);
        processDir.setAccessible(true);
      } catch (NoSuchMethodException e) {
        // not declared here: look in the superclass
      } catch (RuntimeException e) {
        return false;
      }
    }
    if (processDir == null || dirs.isEmpty()) {
      return false;
    }
    try {
      for (File dir : dirs) {
        processDir.invoke(own, dir, new ArrayList<String>(), false);
      }
      return true;
    } catch (ReflectiveOperationException | RuntimeException e) {
      return false;
    }
  }

  /**
   * Why an add-on of version {@code addonVersion} may not serve overparam {@code overparamVersion}, or null when it
   * may. Both must be the same release: the add-on's ND4J CUDA backend must match the ND4J API overparam ships.
   */
  static String versionMismatch(String overparamVersion, String addonVersion) {
    if (overparamVersion == null || addonVersion == null || overparamVersion.equals(addonVersion)) {
      return null;
    }
    return "the installed " + ADDON_PACKAGE + " " + addonVersion + " does not match overparam " + overparamVersion
        + "; install " + ADDON_PACKAGE + " " + overparamVersion;
  }

  /** Why the installed add-on was not joined (version mismatch), or null. */
  public static String unusedAddonReason() {
    return unusedAddonReason;
  }

  /** The Version of an installed Weka package, or null (outside Weka, not installed, or unreadable). */
  static String wekaPackageVersion(String packageName, ClassLoader own) {
    try {
      Class<?> manager = Class.forName("weka.core.WekaPackageManager", false, own);
      Object info = manager.getMethod("getInstalledPackageInfo", String.class).invoke(null, packageName);
      if (info == null) {
        return null;
      }
      Object v = info.getClass().getMethod("getPackageMetaDataElement", Object.class).invoke(info, "Version");
      return v == null ? null : v.toString().trim();
    } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
      return null;
    }
  }

  /**
   * The class loader Weka's package manager made for {@code packageName}, or null outside Weka or when that package
   * is not installed or not loaded. Reflective, so that this package needs Weka only where it runs inside it.
   */
  static ClassLoader wekaPackageLoader(String packageName, ClassLoader own) {
    try {
      Class<?> manager = Class.forName("weka.core.WekaPackageClassLoaderManager", false, own);
      Object instance = manager.getMethod("getWekaPackageClassLoaderManager").invoke(null);
      Object loader = manager.getMethod("getPackageClassLoader", String.class).invoke(instance, packageName);
      return loader instanceof ClassLoader cl ? cl : null;
    } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
      return null;
    }
  }

  /** The add-on's loader. */
  public ClassLoader addon() {
    return addon;
  }

  @Override
  protected Class<?> findClass(String name) throws ClassNotFoundException {
    // reached only when the parent (this package's loader) does not have the class
    return addon.loadClass(name);
  }

  @Override
  protected URL findResource(String name) {
    return addon.getResource(name);
  }

  @Override
  protected Enumeration<URL> findResources(String name) throws IOException {
    return addon.getResources(name);
  }

  /** Both loaders' resources, each URL once (both see Weka's own class path through their parents). */
  @Override
  public Enumeration<URL> getResources(String name) throws IOException {
    Set<URL> all = new LinkedHashSet<>(Collections.list(getParent().getResources(name)));
    all.addAll(Collections.list(addon.getResources(name)));
    return Collections.enumeration(all);
  }

  @Override
  public String toString() {
    return "AddonClassLoader[" + getParent() + " + " + addon + "]";
  }
}

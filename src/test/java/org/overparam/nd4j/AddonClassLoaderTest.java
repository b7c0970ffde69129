// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.ServiceLoader;
import java.util.function.Supplier;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The joined loader lets {@link ServiceLoader} (as ND4J uses it) find a provider that only the add-on's jar holds,
 * next to the package's own, with the add-on's class built on the package's classes. Stand-ins: a "package" jar with
 * a base class and provider A, an "add-on" jar with provider B extending that base, loaded by a loader whose parent
 * is the package's (as Weka's add-on loader reaches overparam's classes through its dependency).
 */
class AddonClassLoaderTest {
  private static final String SERVICE = "META-INF/services/" + Supplier.class.getName();

  @Test
  void serviceLoaderSeesTheAddonsProviderOnlyThroughTheJoinedLoader(@TempDir Path tmp) throws Exception {
    Path ownJar = jar(tmp, "own", List.of(
        "package standin; public class Base implements java.util.function.Supplier<String> {"
            + " public String get() { return \"cpu\"; } }",
        "package standin; public class A extends Base {}"), "standin.A\n");
    Path addonJar = jar(tmp, "addon", List.of(
        "package standin; public class B extends Base { public String get() { return \"cuda\"; } }"),
        "standin.B\n", ownJar);
    ClassLoader platform = ClassLoader.getPlatformClassLoader();
    try (URLClassLoader own = new URLClassLoader(new URL[] {ownJar.toUri().toURL()}, platform);
         URLClassLoader addon = new URLClassLoader(new URL[] {addonJar.toUri().toURL()}, own)) {
      assertEquals(List.of("cpu"), provided(own), "the package alone does not see the add-on");
      AddonClassLoader joined = new AddonClassLoader(own, addon);
      assertEquals(List.of("cpu", "cuda"), provided(joined));
      Class<?> b = Class.forName("standin.B", false, joined);
      assertSame(addon, b.getClassLoader());
      assertSame(Class.forName("standin.Base", false, own), b.getSuperclass(), "one Base class for both backends");
      assertSame(own, Class.forName("standin.A", false, joined).getClassLoader(), "the package's classes come first");
      // the add-on's loader also lists the package's service file (its parent): listed once here
      assertEquals(2, Collections.list(joined.getResources(SERVICE)).size());
      assertThrows(ClassNotFoundException.class, () -> joined.loadClass("standin.Missing"));
    }
  }

  @Test
  void aPackageLoaderAdoptsTheAddonsJars(@TempDir Path tmp) throws Exception {
    Path ownJar = jar(tmp, "own", List.of(
        "package standin; public class Base implements java.util.function.Supplier<String> {"
            + " public String get() { return \"cpu\"; } }",
        "package standin; public class A extends Base {}"), "standin.A\n");
    Path addonJar = jar(tmp, "addon", List.of(
        "package standin; public class B extends Base { public String get() { return \"cuda\"; } }"),
        "standin.B\n", ownJar);
    Path addonLib = Files.createDirectories(tmp.resolve("packages/standin-addon/lib"));
    Files.copy(addonJar, addonLib.resolve("addon.jar"));
    try (PackageLoader own = new PackageLoader(ownJar);
         URLClassLoader addon = new URLClassLoader(new URL[] {addonLib.resolve("addon.jar").toUri().toURL()}, own)) {
      assertEquals(List.of("cpu"), provided(own));
      assertTrue(AddonClassLoader.adoptJars(own, addon));
      assertEquals(List.of(addonLib.toFile()), own.processed);
      // one loader now defines the package's classes and the add-on's (as JavaCPP needs for its natives)
      assertSame(own, Class.forName("standin.B", false, own).getClassLoader());
      assertEquals(List.of("cpu", "cuda"), provided(own));
    }
    try (URLClassLoader plain = new URLClassLoader(new URL[] {ownJar.toUri().toURL()});
         URLClassLoader addon = new URLClassLoader(new URL[] {addonJar.toUri().toURL()})) {
      assertFalse(AddonClassLoader.adoptJars(plain, addon), "a loader without processDir cannot adopt jars");
    }
  }

  /**
   * Stand-in for Weka's {@code WekaPackageLibIsolatingClassLoader}, whose constructor needs a package installed in
   * WEKA_HOME: its {@code processDir(File, List, boolean)} adds every jar of a folder but those listed, as Weka's does
   * (cuda-addon-check.sh exercises Weka's own with the package manager).
   */
  static final class PackageLoader extends URLClassLoader {
    final List<java.io.File> processed = new ArrayList<>();

    PackageLoader(Path jar) throws IOException {
      super(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
    }

    @SuppressWarnings("unused") // called reflectively by AddonClassLoader.adoptJars
    private void processDir(java.io.File dir, List<String> skip, boolean topLevel) throws IOException {
      processed.add(dir);
      for (java.io.File f : java.util.Objects.requireNonNull(dir.listFiles())) {
        if (f.getName().endsWith(".jar") && !skip.contains(f.getName())) {
          addURL(f.toURI().toURL());
        }
      }
    }
  }

  @Test
  void withoutTheAddonPackageTheOwnLoaderIsUsed() {
    ClassLoader own = AddonClassLoaderTest.class.getClassLoader();
    // Weka is on the test class path, but its package manager has loaded no overparamCUDA here
    assertSame(own, AddonClassLoader.forPackage(own));
    assertSame(Dl4jRuntime.class.getClassLoader(), Dl4jRuntime.backendLoader());
  }

  private static List<String> provided(ClassLoader loader) {
    List<String> out = new ArrayList<>();
    for (Supplier<?> s : ServiceLoader.load(Supplier.class, loader)) {
      out.add(String.valueOf(s.get()));
    }
    return out;
  }

  /** Compiles the sources (against {@code classPath}) into a jar with a service file for {@link Supplier}. */
  private static Path jar(Path tmp, String name, List<String> sources, String service, Path... classPath)
      throws IOException {
    Path src = Files.createDirectories(tmp.resolve(name + "-src"));
    Path classes = Files.createDirectories(tmp.resolve(name + "-classes"));
    List<String> args = new ArrayList<>(List.of("-d", classes.toString()));
    if (classPath.length > 0) {
      args.addAll(List.of("-cp", classPath[0].toString()));
    }
    for (String source : sources) {
      String cls = source.replaceAll("(?s).*public class (\\w+).*", "$1");
      Path file = src.resolve(cls + ".java");
      Files.writeString(file, source);
      args.add(file.toString());
    }
    int rc = ToolProvider.getSystemJavaCompiler().run(null, null, null, args.toArray(String[]::new));
    assertEquals(0, rc, "stand-in sources compile");
    Path jar = tmp.resolve(name + ".jar");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
         Stream<Path> files = Files.walk(classes)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        put(out, classes.relativize(f).toString().replace('\\', '/'), Files.readAllBytes(f));
      }
      put(out, SERVICE, service.getBytes(StandardCharsets.UTF_8));
    }
    return jar;
  }

  private static void put(JarOutputStream out, String entry, byte[] bytes) throws IOException {
    out.putNextEntry(new JarEntry(entry));
    OutputStream o = out;
    o.write(bytes);
    out.closeEntry();
  }
}

// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.overparam.nd4j.AddonClassLoader;
import org.overparam.nd4j.CudaDiagnosis;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The CUDA add-on package as the build wrote it (surefire runs this after {@code package}; see pom.xml,
 * execution cuda-addon-check): without -Pcuda the add-on's descriptor and assembly ran on a stand-in jar, with
 * -Pcuda on ND4J's CUDA jars. Either way the zip must hold the filtered descriptor (overparamCUDA, the same version,
 * with its class loader given overparam's), the GPU guide and, in lib/, exactly the jars the build put in the add-on's
 * lib folder; and the main zip must hold no CUDA jar. The pom's list of CUDA artifacts is checked as well, so that
 * the real add-on cannot take in a CPU or API jar unseen.
 */
class CudaAddonZipCheck {
  private static String prop(String name) {
    String v = System.getProperty(name);
    assertNotNull(v, "system property " + name + " (set by pom.xml's cuda-addon-check execution)");
    return v;
  }

  @Test
  void addonZipHoldsTheDescriptorAndOnlyTheCudaJars() throws IOException {
    String version = prop("overparam.version");
    Path zip = Path.of(prop("overparam.cudaAddon.zip"));
    Path lib = Path.of(prop("overparam.cudaAddon.lib"));
    boolean real = Boolean.parseBoolean(prop("overparam.cudaAddon.real"));
    assertTrue(Files.isRegularFile(zip), "the add-on zip was built: " + zip);

    Set<String> expectedLib = new TreeSet<>();
    try (Stream<Path> jars = Files.list(lib)) {
      jars.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".jar")).forEach(n -> expectedLib.add("lib/" + n));
    }
    assertFalse(expectedLib.isEmpty(), "the add-on's lib folder has jars: " + lib);
    if (real) {
      assertEquals(realJarNames(version), expectedLib);
    } else {
      assertEquals(Set.of("lib/overparam-cuda-standin.jar"), expectedLib);
    }

    try (ZipFile z = new ZipFile(zip.toFile())) {
      Set<String> files = new TreeSet<>();
      for (ZipEntry e : Collections.list(z.entries())) {
        if (!e.isDirectory()) {
          files.add(e.getName());
        }
      }
      Set<String> want = new TreeSet<>(expectedLib);
      want.addAll(List.of("Description.props", "LICENSE", "docs/gpu.md"));
      assertEquals(want, files, "the add-on zip holds its descriptor, LICENSE, docs/gpu.md and the CUDA jars only");

      Properties d = new Properties();
      try (InputStream in = z.getInputStream(z.getEntry("Description.props"))) {
        d.load(in);
      }
      assertEquals(AddonClassLoader.ADDON_PACKAGE, d.getProperty("PackageName"));
      assertEquals(version, d.getProperty("Version"));
      // Depends=overparam would make Weka 3.8.6 look overparam up in its central repository and skip the add-on
      assertEquals("weka (>=3.8.6)", d.getProperty("Depends"));
      // the add-on's loader gets overparam's (ND4J's API) and not the other way round, which would make the two
      // loaders search each other for every missing class without end
      assertEquals(AddonClassLoader.ADDON_PACKAGE + ":overparam", d.getProperty("InjectDependencies"));
      assertEquals("Linux", d.getProperty("OSName"));
      d.forEach((k, v) -> assertFalse(v.toString().contains("${"), "unfilled " + k + "=" + v));
      assertTrue(d.getProperty("Title").contains("CUDA " + CudaDiagnosis.CUDA_VERSION), d.getProperty("Title"));
      assertTrue(d.getProperty("Date").matches("\\d{4}-\\d{2}-\\d{2}"), d.getProperty("Date"));

      for (String jar : expectedLib) {
        assertEquals(Files.size(lib.resolve(jar.substring(4))), z.getEntry(jar).getSize(), jar + " copied whole");
      }
    }
  }

  @Test
  void mainZipHasNoCudaJar() throws IOException {
    try (ZipFile z = new ZipFile(prop("overparam.mainZip"))) {
      List<String> cuda = new ArrayList<>();
      for (ZipEntry e : Collections.list(z.entries())) {
        String n = e.getName();
        if (n.startsWith("lib/") && (n.contains("nd4j-cuda") || n.startsWith("lib/cuda-"))) {
          cuda.add(n);
        }
      }
      assertEquals(List.of(), cuda, "the CUDA backend belongs to the add-on, not to the main package");
      assertNotNull(z.getEntry("overparam.jar"));
    }
  }

  /** The pom's cuda profile copies ND4J's CUDA backend and its JavaCPP preset, of the versions the code names. */
  @Test
  void pomListsExactlyTheCudaArtifacts() throws Exception {
    assertEquals(CudaDiagnosis.CUDA_VERSION, prop("overparam.cudaAddon.cudaVersion"),
        "pom.xml's cuda.version and CudaDiagnosis.CUDA_VERSION agree");
    assertEquals(Set.of(
            "org.nd4j:nd4j-cuda-${cuda.version}:${dl4j.version}:",
            "org.nd4j:nd4j-cuda-${cuda.version}:${dl4j.version}:${cuda.classifier}",
            "org.nd4j:nd4j-cuda-${cuda.version}-preset:${dl4j.version}:",
            "org.nd4j:nd4j-cuda-${cuda.version}-preset:${dl4j.version}:${cuda.classifier}",
            "org.bytedeco:cuda:${cuda.preset.version}:",
            "org.bytedeco:cuda:${cuda.preset.version}:${cuda.classifier}"),
        cudaProfileArtifacts());
    Map<String, String> p = pomProperties();
    assertEquals(CudaDiagnosis.CUDA_VERSION, p.get("cuda.version"));
    assertEquals(CudaDiagnosis.CUDA_VERSION + "-" + CudaDiagnosis.CUDNN_VERSION + "-1.5.7", p.get("cuda.preset.version"),
        "the JavaCPP CUDA preset nd4j-cuda-11.6 1.0.0-M2.1 was built with");
    assertEquals("1.0.0-M2.1", p.get("dl4j.version"));
  }

  private static Set<String> realJarNames(String version) {
    String nd4j = "lib/nd4j-cuda-" + CudaDiagnosis.CUDA_VERSION;
    String preset = "lib/cuda-" + CudaDiagnosis.CUDA_VERSION + "-" + CudaDiagnosis.CUDNN_VERSION + "-1.5.7";
    return new TreeSet<>(List.of(nd4j + "-1.0.0-M2.1.jar", nd4j + "-1.0.0-M2.1-linux-x86_64.jar",
        nd4j + "-preset-1.0.0-M2.1.jar", nd4j + "-preset-1.0.0-M2.1-linux-x86_64.jar",
        preset + ".jar", preset + "-linux-x86_64.jar"));
  }

  private static Document pom() throws Exception {
    return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(Path.of("pom.xml").toFile());
  }

  private static Map<String, String> pomProperties() throws Exception {
    Element props = (Element) pom().getDocumentElement().getElementsByTagName("properties").item(0);
    Map<String, String> out = new java.util.HashMap<>();
    for (Node n = props.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e) {
        out.put(e.getTagName(), e.getTextContent().trim());
      }
    }
    return out;
  }

  private static Set<String> cudaProfileArtifacts() throws Exception {
    NodeList profiles = pom().getElementsByTagName("profile");
    for (int i = 0; i < profiles.getLength(); i++) {
      Element profile = (Element) profiles.item(i);
      if (!"cuda".equals(text(profile, "id"))) {
        continue;
      }
      assertEquals(0, profile.getElementsByTagName("dependencies").getLength(),
          "the cuda profile adds no dependency (that would put CUDA jars into the main zip and the class path)");
      Set<String> out = new TreeSet<>();
      NodeList items = profile.getElementsByTagName("artifactItem");
      for (int j = 0; j < items.getLength(); j++) {
        Element it = (Element) items.item(j);
        out.add(text(it, "groupId") + ":" + text(it, "artifactId") + ":" + text(it, "version") + ":"
            + text(it, "classifier"));
      }
      return out;
    }
    throw new AssertionError("pom.xml has no profile 'cuda'");
  }

  private static String text(Element parent, String tag) {
    NodeList l = parent.getElementsByTagName(tag);
    return l.getLength() == 0 ? "" : l.item(0).getTextContent().trim();
  }
}

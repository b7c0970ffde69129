// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.bench;

import java.io.File;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Arrays;
import java.util.concurrent.Callable;
import weka.classifiers.AbstractClassifier;
import weka.core.Instances;
import weka.core.OptionHandler;

/**
 * Two builds of the package in one JVM, their passes taking turns: on a machine whose speed wanders by tens of
 * percent within minutes, runs of two builds minutes apart compare the machine, not the builds. Each build's
 * classes ({@code target/classes} and {@code target/test-classes}) get a class loader of their own over the
 * dependencies, which the two share (ND4J's native libraries load once per JVM). Prints both builds' median time
 * per pass and the median (and quartiles) of the per-round ratio old / new.
 *
 * <p>This class uses only Weka's and the JDK's classes, and reaches each build's by reflection, so that it can run
 * on a class path of the dependencies alone (src/test/scripts/paired-builds.sh compiles it apart).
 *
 * <p>Usage: PairedBuilds &lt;old build dir&gt; &lt;new build dir&gt; &lt;encode|predict|topology[:threads]&gt; [rounds]:
 * {@code encode} converts W1's 5,000 test rows to network inputs (InstancesConverter.rows); {@code predict} runs
 * distributionsForInstances of a dense 100-256-256-10 ItopSparseNetwork trained one epoch on W1 (Weka's batch of
 * 100 rows per call, conversion included); {@code topology} makes one RigL topology update of W2's sparse engine
 * at 90% sparsity ({@link TopologyUpdateBenchmark}, two threads unless given; Fashion-MNIST from the directory in
 * the property overparam.data, default ../shared/data).
 */
public final class PairedBuilds {
  private PairedBuilds() {}

  public static void main(String[] args) throws Exception {
    String mode = args[2];
    int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 101;
    Callable<?> old = pass(args[0], mode);
    Callable<?> now = pass(args[1], mode);
    for (int i = 0; i < 30; i++) { // JIT warm-up of both
      old.call();
      now.call();
    }
    double[] tOld = new double[rounds];
    double[] tNew = new double[rounds];
    double[] ratio = new double[rounds];
    for (int r = 0; r < rounds; r++) {
      tOld[r] = millis(old);
      tNew[r] = millis(now);
      ratio[r] = tOld[r] / tNew[r];
    }
    Arrays.sort(tOld);
    Arrays.sort(tNew);
    Arrays.sort(ratio);
    System.out.printf("%s, %d rounds: old build %.2f ms, new build %.2f ms per pass (medians); old / new per round: "
        + "median %.3f, quartiles %.3f %.3f%n", mode, rounds, tOld[rounds / 2], tNew[rounds / 2], ratio[rounds / 2],
        ratio[rounds / 4], ratio[3 * rounds / 4]);
  }

  private static double millis(Callable<?> pass) throws Exception {
    long start = System.nanoTime();
    pass.call();
    return (System.nanoTime() - start) / 1e6;
  }

  /** One pass of {@code mode} on the build in {@code dir}, set up through that build's own classes. */
  private static Callable<?> pass(String dir, String mode) throws Exception {
    URLClassLoader build = new URLClassLoader(new URL[] {new File(dir, "target/classes/").toURI().toURL(),
        new File(dir, "target/test-classes/").toURI().toURL()}, PairedBuilds.class.getClassLoader());
    Thread.currentThread().setContextClassLoader(build);
    if (mode.startsWith("topology")) {
      int threads = mode.contains(":") ? Integer.parseInt(mode.substring(mode.indexOf(':') + 1)) : 2;
      return (Callable<?>) method(build, "org.overparam.bench.TopologyUpdateBenchmark", "updates")
          .invoke(null, System.getProperty("overparam.data", "../shared/data"), threads);
    }
    Object[] sets = (Object[]) method(build, "org.overparam.bench.EngineBenchmark", "w1").invoke(null);
    Method instances = method(build, "org.overparam.bench.PredictionBenchmark", "instances");
    Instances train = (Instances) instances.invoke(null, sets[0], "train");
    Instances test = (Instances) instances.invoke(null, sets[1], "test");
    switch (mode) {
      case "encode" -> {
        Class<?> type = build.loadClass("weka.overparam.InstancesConverter");
        Object converter = type.getMethod("fit", Instances.class, int[].class).invoke(null, train, new int[0]);
        Method rows = type.getMethod("rows", Instances.class);
        return () -> rows.invoke(converter, test);
      }
      case "predict" -> {
        AbstractClassifier c = (AbstractClassifier) build.loadClass("weka.classifiers.functions.ItopSparseNetwork")
            .getConstructor().newInstance();
        ((OptionHandler) c).setOptions(new String[] {"-hidden-layers", "256,256", "-epochs", "1", "-sparsity", "0",
            "-batch-size-train", "128"});
        c.buildClassifier(train);
        return () -> c.distributionsForInstances(test);
      }
      default -> throw new IllegalArgumentException("mode must be encode, predict or topology, got " + mode);
    }
  }

  private static Method method(ClassLoader build, String type, String name) throws Exception {
    Method m = Arrays.stream(build.loadClass(type).getDeclaredMethods()).filter(x -> x.getName().equals(name))
        .findFirst().orElseThrow(() -> new NoSuchMethodException(type + "." + name));
    m.setAccessible(true); // package-private helpers of the benchmarks
    return m;
  }
}

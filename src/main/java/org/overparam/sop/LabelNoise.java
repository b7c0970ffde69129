// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.sop;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.overparam.common.Checks;

/**
 * Label-noise injection as in the official SOP data loaders, keeping the indices of
 * what was corrupted so that detection can be scored.
 *
 * <p>Labels < 0 mean "missing" and are never selected.
 */
public final class LabelNoise {
  private LabelNoise() {}

  /**
   * @param labels the labels after injection
   * @param selected rows that were chosen for corruption (ascending)
   * @param flipped rows whose label actually changed (ascending; a subset of selected)
   */
  public record Result(int[] labels, int[] selected, int[] flipped) {}

  /**
   * Symmetric noise: ceil(fraction·n) rows chosen uniformly get a label drawn uniformly from all C
   * classes, so the true class may be redrawn and the real flip rate is about fraction·(1 − 1/C).
   */
  public static Result symmetric(int[] labels, int numClasses, double fraction, SplittableRandom rng) {
    Checks.require(numClasses >= 2, "need at least 2 classes, got " + numClasses);
    Checks.inClosed("noise fraction", fraction, 0, 1);
    int[] candidates = rowsWhere(labels, -1);
    int[] chosen = sample(candidates, (int) Math.ceil(fraction * candidates.length - 1e-9), rng);
    int[] noisy = labels.clone();
    for (int i : chosen) {
      noisy[i] = rng.nextInt(numClasses);
    }
    return result(labels, noisy, chosen);
  }

  /**
   * Asymmetric (class-dependent) noise: for every source class c with {@code classMap[c] != c},
   * ceil(fraction·n_c) of its rows, chosen uniformly, get label {@code classMap[c]}.
   */
  public static Result asymmetric(int[] labels, int[] classMap, double fraction, SplittableRandom rng) {
    Checks.inClosed("noise fraction", fraction, 0, 1);
    for (int c = 0; c < classMap.length; c++) {
      Checks.require(classMap[c] >= 0 && classMap[c] < classMap.length,
          "class map sends class " + c + " to " + classMap[c] + ", outside [0, " + classMap.length + ")");
    }
    int[] noisy = labels.clone();
    List<Integer> chosenAll = new ArrayList<>();
    for (int c = 0; c < classMap.length; c++) {
      if (classMap[c] == c) {
        continue;
      }
      int[] members = rowsWhere(labels, c);
      for (int i : sample(members, (int) Math.ceil(fraction * members.length - 1e-9), rng)) {
        noisy[i] = classMap[c];
        chosenAll.add(i);
      }
    }
    int[] chosen = chosenAll.stream().mapToInt(Integer::intValue).sorted().toArray();
    return result(labels, noisy, chosen);
  }

  /** The pair-flip map c → c + 1 (mod C), a standard asymmetric noise when no semantic map is known. */
  public static int[] pairFlipMap(int numClasses) {
    int[] map = new int[numClasses];
    for (int c = 0; c < numClasses; c++) {
      map[c] = (c + 1) % numClasses;
    }
    return map;
  }

  /**
   * Parses a class map such as {@code "cat->dog,dog->cat"} over the given class names; classes not
   * mentioned map to themselves. An empty string gives {@link #pairFlipMap}.
   */
  public static int[] parseClassMap(String spec, List<String> classNames) {
    int numClasses = classNames.size();
    if (spec == null || spec.isBlank()) {
      return pairFlipMap(numClasses);
    }
    int[] map = new int[numClasses];
    for (int c = 0; c < numClasses; c++) {
      map[c] = c;
    }
    for (String[] pair : parsePairs(spec)) {
      map[classIndex(pair[0], classNames)] = classIndex(pair[1], classNames);
    }
    return map;
  }

  /**
   * The {source, target} class names of a map such as {@code "cat->dog,dog->cat"} (empty for an
   * empty map).
   *
   * @throws IllegalArgumentException for an entry not of the form source->target, or a source named twice
   */
  public static List<String[]> parsePairs(String spec) {
    List<String[]> pairs = new java.util.ArrayList<>();
    if (spec == null || spec.isBlank()) {
      return pairs;
    }
    java.util.Set<String> sources = new java.util.HashSet<>();
    for (String entry : spec.split(",")) {
      String[] parts = entry.split("->", -1);
      Checks.require(parts.length == 2 && !parts[0].isBlank() && !parts[1].isBlank(),
          "-class-map entry '" + entry.trim() + "' is not of the form source->target");
      String source = parts[0].trim();
      Checks.require(sources.add(source), "-class-map names the source class '" + source + "' twice, in '"
          + spec + "'; each class can be flipped to one target");
      pairs.add(new String[] {source, parts[1].trim()});
    }
    return pairs;
  }

  private static int classIndex(String name, List<String> classNames) {
    int index = classNames.indexOf(name);
    Checks.require(index >= 0, "-class-map names an unknown class '" + name + "'; the classes are " + classNames);
    return index;
  }

  /** Rows with the given label, or (label −1) every row with a label. */
  private static int[] rowsWhere(int[] labels, int label) {
    return java.util.stream.IntStream.range(0, labels.length)
        .filter(i -> label < 0 ? labels[i] >= 0 : labels[i] == label).toArray();
  }

  /** {@code count} distinct entries of {@code from}, uniformly (partial Fisher-Yates), sorted. */
  private static int[] sample(int[] from, int count, SplittableRandom rng) {
    int[] pool = from.clone();
    for (int r = 0; r < count; r++) {
      int j = r + rng.nextInt(pool.length - r);
      int t = pool[r];
      pool[r] = pool[j];
      pool[j] = t;
    }
    int[] chosen = Arrays.copyOf(pool, count);
    Arrays.sort(chosen);
    return chosen;
  }

  private static Result result(int[] original, int[] noisy, int[] chosen) {
    int[] flipped = Arrays.stream(chosen).filter(i -> noisy[i] != original[i]).toArray();
    return new Result(noisy, chosen, flipped);
  }
}

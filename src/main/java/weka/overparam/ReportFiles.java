// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package weka.overparam;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import weka.core.Instance;
import weka.core.Instances;

/**
 * Keeps a report file that a learner writes after training from being overwritten by a model trained on a part of
 * the data that wrote it. Weka's cross-validation and percentage split (command line and Explorer) first build the
 * model they print on all the data, then one model per fold or split, each a copy of the same learner with the same
 * options: every copy would write the file again, and it would end up describing the last fold's model, with
 * instance numbers of that fold's shuffled rows. Such a part is recognised by content: every row of its data (values
 * and weight) occurs in the data that last wrote the file, which had more rows, and not in their order (Weka shuffles
 * the data before it cuts folds or a split). A part in the original order is the user's own subset (suspects removed,
 * say), whose report replaces the file. Only within this JVM.
 */
public final class ReportFiles {
  /** How many files are remembered, the most recently written. */
  private static final int REMEMBERED = 16;

  /** The rows that wrote a file: their fingerprints in the data's order, and sorted (for the multiset test). */
  private record Rows(long[] inOrder, long[] sorted) {
    static Rows of(Instances data) {
      long[] f = fingerprints(data);
      long[] s = f.clone();
      Arrays.sort(s);
      return new Rows(f, s);
    }
  }

  private static final Map<Path, Rows> WRITERS = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Path, Rows> eldest) {
      return size() > REMEMBERED;
    }
  };

  private ReportFiles() {}

  /**
   * Whether a model trained on {@code data} may write {@code file}, recording it as the file's writer if so: not when
   * data is a shuffled part of the last writer's.
   */
  public static synchronized boolean claim(Path file, Instances data) {
    Rows rows = Rows.of(data);
    Rows writer = WRITERS.get(key(file));
    if (writer != null && isStrictPart(rows.sorted(), writer.sorted()) && !isSubsequence(rows.inOrder(),
        writer.inOrder())) {
      return false;
    }
    WRITERS.put(key(file), rows);
    return true;
  }

  private static Path key(Path file) {
    return file.toAbsolutePath().normalize();
  }

  /** Whether the multiset {@code part} (sorted) is contained in {@code whole} (sorted) and smaller. */
  static boolean isStrictPart(long[] part, long[] whole) {
    if (part.length >= whole.length) {
      return false;
    }
    int j = 0;
    for (long p : part) {
      while (j < whole.length && whole[j] < p) {
        j++;
      }
      if (j == whole.length || whole[j] != p) {
        return false;
      }
      j++; // each row of the whole matches one row of the part
    }
    return true;
  }

  /** Whether {@code part} occurs in {@code whole} in the same order (not necessarily contiguous). */
  static boolean isSubsequence(long[] part, long[] whole) {
    int j = 0;
    for (long p : part) {
      while (j < whole.length && whole[j] != p) {
        j++;
      }
      if (j == whole.length) {
        return false;
      }
      j++;
    }
    return true;
  }

  /** The rows' fingerprints (values and weight), in the data's order. */
  static long[] fingerprints(Instances data) {
    long[] f = new long[data.numInstances()];
    for (int i = 0; i < f.length; i++) {
      f[i] = fingerprint(data.instance(i));
    }
    return f;
  }

  private static long fingerprint(Instance inst) {
    long h = mix(Double.doubleToLongBits(inst.weight()));
    for (int a = 0; a < inst.numAttributes(); a++) {
      h = mix(h * 31 + Double.doubleToLongBits(inst.value(a))); // missing values are one NaN: equal bits
    }
    return h;
  }

  /** SplitMix64's finaliser: spreads the bits, so that distinct rows collide with probability about 2^-64. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}

// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package weka.overparam.badinput;

import java.util.Arrays;
import java.util.Locale;

/**
 * The required outcome of a {@link Case}: an exception of a given type whose message names the
 * problem (every fragment must occur, ignoring case), or a normal result that the action checks
 * itself (it throws {@link AssertionError} when the result is wrong).
 */
record Expect(Class<? extends Throwable> type, String[] fragments) {

  static Expect error(Class<? extends Throwable> type, String... fragments) {
    return new Expect(type, fragments);
  }

  static Expect result() {
    return new Expect(null, new String[0]);
  }

  boolean wantsError() {
    return type != null;
  }

  /** What the table shows as the expected outcome. */
  String describe() {
    return wantsError() ? type.getSimpleName() + " naming " + Arrays.toString(fragments) : "correct result";
  }

  /** Null if {@code thrown} is the required exception, else what is wrong with it. */
  String judge(Throwable thrown) {
    if (!type.isInstance(thrown)) {
      return "expected " + type.getSimpleName() + ", got " + thrown.getClass().getSimpleName();
    }
    String message = String.valueOf(thrown.getMessage()).toLowerCase(Locale.ROOT);
    for (String f : fragments) {
      if (!message.contains(f.toLowerCase(Locale.ROOT))) {
        return "message does not name '" + f + "'";
      }
    }
    return null;
  }

  /** Fails the check of a normal result. */
  static void require(boolean ok, String what) {
    if (!ok) {
      throw new AssertionError(what);
    }
  }
}

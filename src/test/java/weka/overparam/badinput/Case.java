// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package weka.overparam.badinput;

/**
 * One row of the bad-input table: what is given to which learner or tool, what must happen, and
 * the action that does it.
 *
 * @param id short unique name (group-target-what)
 * @param target the learner, filter or tool under test
 * @param input what the user gives, in words
 * @param expect the required outcome
 * @param action runs the case; returns a short description of a successful result
 */
record Case(String id, String target, String input, Expect expect, Action action) {

  /** Runs a case; may throw anything the code under test throws. */
  @FunctionalInterface
  interface Action {
    String run() throws Exception;
  }
}

package org.overparam.kgd;

/** How the per-component dynamics are integrated. */
public enum Solver {
  /** The exact closed-form solution for D = 0 (and for the baseline); discrete GD otherwise. */
  AUTO,
  /** Discrete simultaneous gradient descent on (a, b, beta) for every depth. */
  GD
}

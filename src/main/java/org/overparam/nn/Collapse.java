// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package org.overparam.nn;

import java.io.Serial;
import java.io.Serializable;
import java.util.Locale;

/**
 * A training run that collapsed, as {@link NetworkTrainer}'s collapse guard saw it: at epoch {@code
 * epoch} the training loss spiked or the network came to predict one class for every training row, so
 * the weights of epoch {@code restoredEpoch} were restored and training stopped; or the run ended
 * predicting one class ({@code atEnd}), and the best epoch's weights were restored where one was better.
 *
 * @param epoch the (1-based) epoch at which the collapse was detected
 * @param loss that epoch's mean training loss
 * @param reason why it counts as a collapse, e.g. "the loss spiked to 107.3, more than 10 times the best 1.21"
 * @param restoredEpoch the epoch whose weights the model keeps (the best by training loss, or by the
 *     validation score with a validation split); {@code epoch} itself when none was better
 * @param atEnd whether it was found after the last epoch rather than during training
 */
public record Collapse(int epoch, double loss, String reason, int restoredEpoch, boolean atEnd)
    implements Serializable {
  @Serial private static final long serialVersionUID = 1L;

  /** One sentence for the model's description and the log. */
  public String describe() {
    String what = String.format(Locale.ROOT, "training %s at epoch %d (training loss %.4g: %s); ",
        atEnd ? "ended collapsed" : "collapsed", epoch, loss, reason);
    if (restoredEpoch == epoch) {
      return what + "it never learned more than the class frequencies, so there was nothing to restore";
    }
    return what + "restored the weights of epoch " + restoredEpoch + (atEnd ? "" : " and stopped");
  }
}

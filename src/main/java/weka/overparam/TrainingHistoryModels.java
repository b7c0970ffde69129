// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package weka.overparam;

import java.util.List;
import org.overparam.common.TrainingHistory;
import weka.core.SerializationHelper;

/**
 * Where training histories come from outside the learners: a trained model object (Explorer result,
 * KnowledgeFlow connection) or a model file saved by Weka. One place for the messages that say why
 * there is no history to show.
 */
public final class TrainingHistoryModels {
  private TrainingHistoryModels() {}

  /** Whether {@code model} keeps training histories (it may still have none before training). */
  public static boolean keepsHistory(Object model) {
    return model instanceof TrainingHistoryHandler;
  }

  /**
   * The histories of a trained model, main history first.
   *
   * @throws IllegalArgumentException if the model keeps none, or was not trained
   */
  public static List<TrainingHistory> of(Object model) {
    if (!(model instanceof TrainingHistoryHandler handler)) {
      throw new IllegalArgumentException((model == null ? "no model" : model.getClass().getName())
          + " keeps no training history; the overparam learners (ItopSparseNetwork, SopRobustNetwork, MinDiffNetwork, "
          + "OverparameterizedKernelGD, OverparameterizedEM) do");
    }
    List<TrainingHistory> histories = handler.trainingHistory();
    if (histories == null || histories.isEmpty()) {
      throw new IllegalArgumentException(model.getClass().getName()
          + " has no training history: it has not been trained (or was saved before it was)");
    }
    return histories;
  }

  /**
   * The model in a file saved by Weka ({@code -d} on the command line, "Save model" in the
   * Explorer, the KnowledgeFlow's SerializedModelSaver): the first object; the Explorer and the
   * KnowledgeFlow store the training header after it.
   *
   * @throws IllegalArgumentException if the file is missing or does not hold a serialized model
   */
  public static Object readModel(String file) {
    CommandLineTool.requireReadable(file);
    Object[] objects;
    try {
      objects = SerializationHelper.readAll(file);
    } catch (Exception e) {
      throw new IllegalArgumentException("'" + file + "' is not a model saved by Weka (save one with -d on the "
          + "command line, or with Save model in the Explorer's result list)", e);
    }
    if (objects.length == 0 || objects[0] == null) {
      throw new IllegalArgumentException("'" + file + "' holds no model");
    }
    return objects[0];
  }
}

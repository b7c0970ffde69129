// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package weka.knowledgeflow.steps;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.overparam.common.TrainingHistory;
import org.overparam.plot.HistoryChart;
import weka.core.Instances;
import weka.core.OptionMetadata;
import weka.core.WekaException;
import weka.gui.knowledgeflow.KFGUIConsts;
import weka.knowledgeflow.Data;
import weka.knowledgeflow.StepManager;
import weka.overparam.TrainingHistoryModels;

/**
 * KnowledgeFlow step: takes a trained overparam learner (batchClassifier or batchClusterer
 * connection) and sends the plots of its training history as an image (for the ImageViewer or
 * ImageSaver) and its numbers as CSV text (for the TextViewer). Registered through the package's
 * PluginManager.props.
 */
@KFStep(name = "TrainingHistoryPlotter", category = "Visualization",
    toolTipText = "Plots the training history of an overparam learner (image) and gives its numbers as CSV (text)",
    iconPath = KFGUIConsts.BASE_ICON_PATH + "StripChart.gif")
public class TrainingHistoryPlotter extends BaseStep {
  private static final long serialVersionUID = 1L;

  private int imageWidth = HistoryChart.DEFAULT_WIDTH;

  @OptionMetadata(displayName = "Image width",
      description = "Width of the image in pixels (default " + HistoryChart.DEFAULT_WIDTH
          + "); its height is what the plots need", displayOrder = 0)
  public void setImageWidth(int width) {
    imageWidth = width;
  }

  public int getImageWidth() {
    return imageWidth;
  }

  @Override
  public String globalInfo() {
    return "Plots the training history of a model from the overparam package (ItopSparseNetwork, SopRobustNetwork, "
        + "MinDiffNetwork, OverparameterizedKernelGD, OverparameterizedEM): an image with one plot per measured "
        + "quantity, and the numbers as CSV text.";
  }

  @Override
  public void stepInit() throws WekaException {
    if (imageWidth < 200) {
      throw new WekaException("Image width must be at least 200 pixels, got " + imageWidth);
    }
  }

  @Override
  public List<String> getIncomingConnectionTypes() {
    return List.of(StepManager.CON_BATCH_CLASSIFIER, StepManager.CON_BATCH_CLUSTERER);
  }

  @Override
  public List<String> getOutgoingConnectionTypes() {
    return getStepManager().numIncomingConnections() > 0
        ? List.of(StepManager.CON_IMAGE, StepManager.CON_TEXT) : new ArrayList<>();
  }

  @Override
  public void processIncoming(Data data) throws WekaException {
    Object model = data.getPayloadElement(data.getConnectionName());
    List<TrainingHistory> histories;
    try {
      histories = TrainingHistoryModels.of(model);
    } catch (IllegalArgumentException e) {
      throw new WekaException(e.getMessage(), e);
    }
    getStepManager().processing();
    String title = title(model, data);
    getStepManager().statusMessage("Plotting the training history of " + title);
    BufferedImage image = new HistoryChart(histories).render(imageWidth, 0);
    Data imageData = new Data(StepManager.CON_IMAGE, image);
    imageData.setPayloadElement(StepManager.CON_AUX_DATA_TEXT_TITLE, title);
    Data textData = new Data(StepManager.CON_TEXT, csv(histories));
    textData.setPayloadElement(StepManager.CON_AUX_DATA_TEXT_TITLE, title + " (training history)");
    getStepManager().outputData(imageData, textData);
    getStepManager().finished();
  }

  /** The learner, the training relation and, under cross-validation, the fold: "ItopSparseNetwork: iris (fold 2/10)". */
  private static String title(Object model, Data data) {
    StringBuilder title = new StringBuilder(model.getClass().getSimpleName());
    Instances train = data.getPayloadElement(StepManager.CON_AUX_DATA_TRAININGSET);
    if (train != null) {
      title.append(": ").append(train.relationName());
    }
    Integer set = data.getPayloadElement(StepManager.CON_AUX_DATA_SET_NUM);
    Integer sets = data.getPayloadElement(StepManager.CON_AUX_DATA_MAX_SET_NUM);
    if (set != null && sets != null && sets > 1) {
      title.append(" (fold ").append(set).append('/').append(sets).append(')');
    }
    return title.toString();
  }

  /** Every history's CSV under a "# title" line, separated by blank lines. */
  static String csv(List<TrainingHistory> histories) {
    StringBuilder sb = new StringBuilder();
    for (TrainingHistory h : histories) {
      sb.append(sb.length() == 0 ? "" : "\n").append("# ").append(h.title()).append('\n').append(h.toCsv());
    }
    return sb.toString();
  }
}

// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package weka.classifiers.functions;

import java.io.Serial;
import weka.core.OptionMetadata;
import weka.core.RevisionUtils;
import weka.core.TechnicalInformation;
import weka.core.TechnicalInformation.Field;
import weka.core.TechnicalInformation.Type;
import weka.overparam.CommandLineRun;

/**
 * A multilayer perceptron trained sparse from scratch with dynamic sparse training and In-Time
 * Over-Parameterization (ITOP): every weight matrix keeps a fixed fraction of its connections,
 * and every few epochs the weakest are pruned and as many regrown elsewhere, at random (SET) or
 * where the dense gradient is largest (RigL), so that over the run the network explores far more
 * of the dense parameter space than it ever holds.
 *
 * <pre>
 * Liu, S., Yin, L., Mocanu, D.C., Pechenizkiy, M. (2021). Do We Actually Need Dense
 * Over-Parameterization? In-Time Over-Parameterization in Sparse Training. ICML 2021.
 * arXiv:2102.02887.
 * </pre>
 *
 * Limitations: sparsity applies to the dense weight matrices (biases stay dense); the masked
 * weights are stored as zeros in a dense matrix, so memory and time are those of the dense network.
 */
public class ItopSparseNetwork extends AbstractNetworkClassifier {
  @Serial private static final long serialVersionUID = 4130950563286431285L;

  /** This learner's own default (the Sparsity options of the other network learners start dense). */
  public static final double DEFAULT_SPARSITY = 0.9;

  public ItopSparseNetwork() {
    setSparsity(DEFAULT_SPARSITY);
  }

  public String globalInfo() {
    return "A sparse neural network trained with ITOP. It is a multilayer perceptron trained sparse from scratch "
        + "with dynamic sparse training and In-Time Over-Parameterization (ITOP).\n\n"
        + "Each weight matrix keeps a fixed fraction of its connections (ERK or uniform layer densities). "
        + "Every few epochs the smallest-magnitude connections are pruned and as many are regrown, at random "
        + "(SET-ITOP) or where the dense gradient is largest (RigL-ITOP), with a cosine-decayed prune rate. "
        + "The ITOP rate R_s, the fraction of all weights that were ever active, is reported: with enough "
        + "exploration a 90%-sparse network matches the dense one. Sparsity 0 trains an ordinary dense network.\n\n"
        + "Inputs: nominal attributes are one-hot encoded, numeric ones standardised; missing values are imputed "
        + "(numeric: training mean; nominal: no category). A numeric class is learnt by regression: squared "
        + "error on the standardised class, one linear output, predictions in the class's unit. Training runs on "
        + "DL4J/ND4J.\n\nFor more information see:\n"
        + getTechnicalInformation().toString();
  }

  @Override
  public TechnicalInformation getTechnicalInformation() {
    TechnicalInformation t = new TechnicalInformation(Type.INPROCEEDINGS);
    t.setValue(Field.AUTHOR, "Shiwei Liu and Lu Yin and Decebal Constantin Mocanu and Mykola Pechenizkiy");
    t.setValue(Field.TITLE, "Do We Actually Need Dense Over-Parameterization? In-Time Over-Parameterization in "
        + "Sparse Training");
    t.setValue(Field.BOOKTITLE, "Proceedings of the 38th International Conference on Machine Learning (ICML)");
    t.setValue(Field.YEAR, "2021");
    t.setValue(Field.NOTE, "arXiv:2102.02887");
    TechnicalInformation rigl = t.add(Type.INPROCEEDINGS);
    rigl.setValue(Field.AUTHOR, "Utku Evci and Trevor Gale and Jacob Menick and Pablo Samuel Castro and Erich Elsen");
    rigl.setValue(Field.TITLE, "Rigging the Lottery: Making All Tickets Winners");
    rigl.setValue(Field.BOOKTITLE, "Proceedings of the 37th International Conference on Machine Learning (ICML)");
    rigl.setValue(Field.YEAR, "2020");
    TechnicalInformation set = t.add(Type.ARTICLE);
    set.setValue(Field.AUTHOR, "Decebal Constantin Mocanu and Elena Mocanu and Peter Stone and Phuong H. Nguyen and "
        + "Madeleine Gibescu and Antonio Liotta");
    set.setValue(Field.TITLE, "Scalable training of artificial neural networks with adaptive sparse connectivity "
        + "inspired by network science");
    set.setValue(Field.JOURNAL, "Nature Communications");
    set.setValue(Field.VOLUME, "9"); // (without a volume Weka's citation text ends the journal with "..")
    set.setValue(Field.PAGES, "2383");
    set.setValue(Field.YEAR, "2018");
    return t;
  }

  @OptionMetadata(displayName = "sparsity", description = "Fraction of all weights that are zero. 0 trains an "
      + "ordinary dense network, 0.9 keeps 10% of the connections. In [0, 1); default 0.9.",
      commandLineParamName = "sparsity", commandLineParamSynopsis = "-sparsity <double>", displayOrder = 40,
      category = "Sparsity")
  @Override
  public double getSparsity() {
    return super.getSparsity();
  }

  /** A numeric class is learnt by regression on its standardised value (squared error, one linear output). */
  @Override
  protected String numericClassRefusal() {
    return null;
  }

  @Override
  public String getRevision() {
    return RevisionUtils.extract("$Revision: 1 $");
  }

  public static void main(String[] args) {
    CommandLineRun.classifier(new ItopSparseNetwork(), args);
  }
}

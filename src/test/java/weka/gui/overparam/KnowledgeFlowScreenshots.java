// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package weka.gui.overparam;

import java.awt.Rectangle;
import java.awt.Robot;
import java.awt.image.BufferedImage;
import java.io.File;
import java.util.concurrent.atomic.AtomicReference;
import javax.imageio.ImageIO;
import javax.swing.JFrame;
import javax.swing.SwingUtilities;
import weka.gui.knowledgeflow.KnowledgeFlowApp;
import weka.gui.knowledgeflow.MainKFPerspective;
import weka.gui.knowledgeflow.VisibleLayout;
import weka.gui.knowledgeflow.steps.ImageViewerInteractiveView;
import weka.knowledgeflow.steps.ImageViewer;

/**
 * Drives the real KnowledgeFlow (run under Xvfb by src/test/scripts/gui-screenshots.sh): loads
 * docs/flows/training-history.kf, runs it, captures the canvas, then opens the ImageViewer's
 * "Show images" view as the canvas's popup menu would and captures it. Usage:
 * {@code KnowledgeFlowScreenshots <output folder>}, from the repository root (the flow reads
 * test-data/ relative to it).
 */
public final class KnowledgeFlowScreenshots {
  private static final long RUN_TIMEOUT_MS = 300_000;

  private KnowledgeFlowScreenshots() {}

  public static void main(String[] args) throws Exception {
    File out = new File(args[0]);
    PackageProps.apply(new File("weka-package/props"));
    AtomicReference<MainKFPerspective> perspective = new AtomicReference<>();
    AtomicReference<JFrame> frame = new AtomicReference<>();
    SwingUtilities.invokeAndWait(() -> {
      KnowledgeFlowApp app = new KnowledgeFlowApp();
      MainKFPerspective main = (MainKFPerspective) app.getMainPerspective();
      main.loadLayout(new File("docs/flows/training-history.kf"), false);
      JFrame f = new JFrame("Weka KnowledgeFlow Environment");
      f.getContentPane().add(app);
      app.showMenuBar(f);
      f.setBounds(0, 0, 1280, 1000);
      f.setVisible(true);
      perspective.set(main);
      frame.set(f);
    });
    VisibleLayout layout = perspective.get().getCurrentLayout();
    SwingUtilities.invokeAndWait(() -> {
      try {
        layout.executeFlow(false);
      } catch (Exception e) {
        throw new IllegalStateException("the flow did not start", e);
      }
    });
    ImageViewer viewer = (ImageViewer) layout.getFlow().findStep("ImageViewer").getManagedStep();
    long deadline = System.currentTimeMillis() + RUN_TIMEOUT_MS;
    while (layout.isExecuting() || viewer.getImages().isEmpty()) {
      if (System.currentTimeMillis() > deadline) {
        throw new IllegalStateException("the flow gave the ImageViewer no image within " + RUN_TIMEOUT_MS / 1000
            + " s (see the KnowledgeFlow's log)");
      }
      Thread.sleep(500);
    }
    Thread.sleep(1500);
    capture(frame.get().getBounds(), new File(out, "knowledgeflow-flow.png"));

    AtomicReference<JFrame> shown = new AtomicReference<>();
    SwingUtilities.invokeAndWait(() -> {
      ImageViewerInteractiveView view = new ImageViewerInteractiveView();
      view.setStep(viewer);
      view.setMainKFPerspective(perspective.get());
      JFrame f = new JFrame(view.getViewerName());
      view.setParentWindow(f);
      try {
        view.init();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
      f.add(view);
      f.setBounds(0, 0, 1280, 1000);
      f.setVisible(true);
      view.nowVisible();
      shown.set(f);
    });
    Thread.sleep(2000);
    capture(shown.get().getBounds(), new File(out, "knowledgeflow-image-viewer.png"));
    System.exit(0);
  }

  private static void capture(Rectangle area, File file) throws Exception {
    BufferedImage image = new Robot().createScreenCapture(area);
    if (!ImageIO.write(image, "png", file)) {
      throw new IllegalStateException("no PNG writer");
    }
    System.out.println("wrote " + file);
  }
}

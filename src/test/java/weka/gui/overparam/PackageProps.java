// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package weka.gui.overparam;

import java.io.File;
import weka.core.PluginManager;
import weka.core.WekaPackageManager;

/**
 * Applies the package's weka-package/props files to a Weka started from the class path, with the
 * code WekaPackageManager runs for an installed package, so that the screenshots show what an
 * installation shows (the tab comes from Explorer.props, the KnowledgeFlow step from
 * PluginManager.props).
 */
final class PackageProps extends WekaPackageManager {
  private PackageProps() {}

  static void apply(File propsDir) throws Exception {
    File explorer = new File(propsDir, "Explorer.props");
    File plugins = new File(propsDir, "PluginManager.props");
    if (!explorer.isFile() || !plugins.isFile()) {
      throw new IllegalStateException("no Explorer.props and PluginManager.props in " + propsDir.getAbsolutePath());
    }
    processExplorerProps(explorer);
    PluginManager.addFromProperties(plugins);
  }
}

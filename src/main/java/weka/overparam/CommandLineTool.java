// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package weka.overparam;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import weka.core.CommandlineRunnable;
import weka.core.Utils;

/**
 * What the package's command-line tools share: {@code -h} (and no arguments, where arguments are
 * required) prints the usage and returns; a bad argument is an {@link IllegalArgumentException}
 * whose first line names the flag and the value, followed by the usage. Its message contains
 * "General options", which is how weka.Run knows to print the message without a stack trace.
 */
public abstract class CommandLineTool implements CommandlineRunnable {

  /** The usage text: a "Usage:" line, then the options under "General options:". */
  protected abstract String usage();

  /** Runs the tool; consumes the options it reads (as weka.core.Utils.getOption does). */
  protected abstract void execute(String[] options, PrintStream out) throws Exception;

  /** Whether the tool needs arguments (then none prints the usage). */
  protected boolean requiresArguments() {
    return false;
  }

  @Override
  public void preExecution() {}

  @Override
  public void postExecution() {}

  @Override
  public final void run(Object toRun, String[] args) throws Exception {
    String[] options = args.clone();
    if (Utils.getFlag('h', options) || Utils.getFlag("help", options) || (args.length == 0 && requiresArguments())) {
      System.out.println(usage());
      return;
    }
    try {
      execute(options, System.out);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(e.getMessage() + "\n\n" + usage(), e);
    }
  }

  /**
   * For a tool's main(): runs it, and on an error prints the message. No System.exit: Weka's
   * SimpleCLI runs main() inside the GUI's process.
   */
  protected static void runFromMain(CommandLineTool tool, String[] args) {
    try {
      tool.run(tool, args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
    } catch (Exception e) {
      e.printStackTrace();
    }
  }

  /**
   * @throws IllegalArgumentException naming the options left over
   */
  protected static void rejectRemaining(String[] options) {
    List<String> left = new ArrayList<>();
    for (String o : options) {
      if (!o.isEmpty()) {
        left.add(o);
      }
    }
    if (!left.isEmpty()) {
      throw new IllegalArgumentException("unknown or repeated option(s): " + String.join(" ", left)
          + " (each option is given once; -h lists them)");
    }
  }

  /** Refuses an input file that is missing or a directory: "cannot read 'file': ...". */
  protected static void requireReadable(String file) {
    java.io.File f = new java.io.File(file);
    if (!f.isFile()) {
      throw new IllegalArgumentException("cannot read '" + file + "': " + (f.isDirectory() ? "it is a directory"
          : "no such file"));
    }
  }

  /**
   * Refuses an output file that cannot be written, naming the option: a directory, a missing folder, no
   * permission. Checked before the work that produces it (and before Java's PNG writer, which prints a stack
   * trace of its own for a file it cannot open).
   */
  protected static void requireWritable(String option, Path file) {
    Path parent = file.toAbsolutePath().getParent();
    if (Files.isDirectory(file)) {
      throw new IllegalArgumentException(option + " " + file + ": it is a directory, not a file");
    }
    if (parent != null && !Files.isDirectory(parent)) {
      throw new IllegalArgumentException(option + " " + file + ": the folder " + parent + " does not exist");
    }
    if (Files.exists(file) ? !Files.isWritable(file) : parent != null && !Files.isWritable(parent)) {
      throw new IllegalArgumentException(option + " " + file + ": cannot write (no permission)");
    }
  }

  /** The value of {@code -name}, or {@code fallback} when it is absent. */
  protected static String option(String name, String[] options, String fallback) throws Exception {
    String v = Utils.getOption(name, options);
    return v.isEmpty() ? fallback : v;
  }

  protected static int intOption(String name, String[] options, int fallback) throws Exception {
    String v = Utils.getOption(name, options);
    return v.isEmpty() ? fallback : OptionContract.parseInt("-" + name, v);
  }

  protected static long longOption(String name, String[] options, long fallback) throws Exception {
    String v = Utils.getOption(name, options);
    return v.isEmpty() ? fallback : OptionContract.parseLong("-" + name, v);
  }

  protected static double doubleOption(String name, String[] options, double fallback) throws Exception {
    String v = Utils.getOption(name, options);
    return v.isEmpty() ? fallback : OptionContract.parseDouble("-" + name, v);
  }

  /** An enum constant by name (any case). */
  protected static <E extends Enum<E>> E enumOption(String name, String[] options, Class<E> type, E fallback)
      throws Exception {
    String v = Utils.getOption(name, options);
    if (v.isEmpty()) {
      return fallback;
    }
    for (E e : type.getEnumConstants()) {
      if (e.name().equalsIgnoreCase(v)) {
        return e;
      }
    }
    List<String> allowed = new ArrayList<>();
    for (E e : type.getEnumConstants()) {
      allowed.add(e.name());
    }
    throw new IllegalArgumentException("-" + name + " must be one of " + String.join(", ", allowed) + "; got '" + v
        + "'");
  }

}

/** Weka-facing helpers of the overparam package: data conversion, diagnostics and command-line tools. */
package weka.overparam;

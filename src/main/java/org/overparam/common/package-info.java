/** Utilities shared by every core: seeds, argument checks, progress reporting. No Weka imports. */
package org.overparam.common;

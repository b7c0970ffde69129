// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
package weka.filters.supervised.attribute;

import weka.core.Instances;
import weka.filters.AbstractFilterTest;
import weka.filters.Filter;

/** Weka's filter harness, plus the flips recorded against the input. */
public class AsymmetricLabelNoiseTest extends AbstractFilterTest {
  public AsymmetricLabelNoiseTest(String name) {
    super(name);
  }

  @Override
  protected void setUp() throws Exception {
    super.setUp();
    m_Instances.setClassIndex(1); // a nominal attribute of Weka's FilterTest.arff
  }

  @Override
  public Filter getFilter() {
    AsymmetricLabelNoise filter = new AsymmetricLabelNoise();
    filter.setPercent(50);
    return filter;
  }

  public void testRecordedFlipsAreExactlyTheChangedLabels() throws Exception {
    AsymmetricLabelNoise filter = (AsymmetricLabelNoise) getFilter();
    filter.setInputFormat(m_Instances);
    Instances out = Filter.useFilter(m_Instances, filter);
    int[] flipped = filter.getFlippedIndices();
    assertTrue("something must be flipped", flipped.length > 0);
    int changed = 0;
    for (int i = 0; i < out.numInstances(); i++) {
      boolean isChanged = !m_Instances.instance(i).classIsMissing()
          && m_Instances.instance(i).classValue() != out.instance(i).classValue();
      changed += isChanged ? 1 : 0;
      assertEquals(isChanged, java.util.Arrays.binarySearch(flipped, i) >= 0);
      if (isChanged) {
        int from = (int) m_Instances.instance(i).classValue();
        assertEquals((from + 1) % m_Instances.numClasses(), (int) out.instance(i).classValue());
      }
    }
    assertEquals(flipped.length, changed);
  }

  public void testSecondBatchPassesThroughUnchanged() throws Exception {
    Filter filter = getFilter();
    filter.setInputFormat(m_Instances);
    Filter.useFilter(m_Instances, filter);
    Instances second = Filter.useFilter(m_Instances, filter);
    assertNull(compareDatasets(m_Instances, second));
  }
}

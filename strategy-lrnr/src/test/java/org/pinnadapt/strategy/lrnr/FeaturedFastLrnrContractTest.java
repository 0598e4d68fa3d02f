package org.pinnadapt.strategy.lrnr;

import java.util.LinkedHashMap;
import java.util.Map;

/** The FastLRNR contract with Fourier features of time: the EIM applies them on the host too. */
class FeaturedFastLrnrContractTest extends FastLrnrContractTest {

  @Override
  protected Map<String, Object> options() {
    Map<String, Object> o = new LinkedHashMap<>(super.options());
    o.put("time-harmonics", 3);
    return o;
  }
}

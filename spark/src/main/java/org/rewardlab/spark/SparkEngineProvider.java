package org.rewardlab.spark;

import org.rewardlab.core.parallel.EngineOptions;
import org.rewardlab.core.parallel.TaskEngine;
import org.rewardlab.core.parallel.TaskEngineProvider;

/** {@code --engine spark}: registered in {@code META-INF/services/org.rewardlab.core.parallel.TaskEngineProvider}. */
public final class SparkEngineProvider implements TaskEngineProvider {
  @Override
  public String name() {
    return "spark";
  }

  @Override
  public TaskEngine open(EngineOptions options) {
    return SparkEngine.open(options);
  }
}

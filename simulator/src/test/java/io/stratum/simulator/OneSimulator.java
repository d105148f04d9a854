package io.stratum.simulator;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * One simulator with default settings for every test of a class, started before and closed after.
 */
abstract class OneSimulator {
  static BedrockSimulator sim;

  @BeforeAll
  static void startSimulator() {
    sim = BedrockSimulator.builder().build().start();
  }

  @AfterAll
  static void stopSimulator() {
    sim.close();
  }
}

package io.stratum.budget;

import io.stratum.dispatch.Usage;

/** One model call to bill: who, where, which model on which tier and backend, what it used. */
public record UsageRow(
    String workspace, String principal, String modelId, String tier, String backend, Usage usage) {}

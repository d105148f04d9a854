package io.stratum.catalog;

/** How a family is asked to reason. */
public enum ReasoningStyle {
  /** Does not reason. */
  NONE,
  /** Claude: {@code thinking: {type: enabled, budget_tokens}}, budget below {@code maxTokens}. */
  CLAUDE_BUDGET,
  /** Claude that prefers adaptive thinking with an effort; budget thinking is deprecated. */
  CLAUDE_ADAPTIVE,
  /** Claude that accepts only adaptive thinking with an effort. */
  CLAUDE_ADAPTIVE_ONLY,
  /** Amazon Nova 2: {@code reasoningConfig: {type: enabled, maxReasoningEffort}}. */
  NOVA_REASONING,
  /**
   * A flat effort field ({@code reasoning_effort}), gpt-oss style; reasoning cannot be turned off.
   */
  EFFORT_FIELD,
  /** OpenAI Responses {@code reasoning.effort}; {@code max_output_tokens} covers reasoning. */
  RESPONSES_EFFORT,
  /** Always reasons; no switch. */
  ALWAYS
}

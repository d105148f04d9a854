package io.stratum.simulator;

/** How a family is asked to reason, and therefore which requests it rejects. */
public enum Thinking {
  /** Does not reason. */
  NONE,
  /** Claude with {@code thinking: {type: enabled, budget_tokens}}. */
  CLAUDE_BUDGET,
  /** Claude that accepts adaptive thinking and still takes {@code enabled} (deprecated). */
  CLAUDE_ADAPTIVE,
  /** Claude that accepts only adaptive thinking; {@code enabled} and temperature are 400s. */
  CLAUDE_ADAPTIVE_ONLY,
  /** Amazon Nova 2: {@code reasoningConfig: {type, maxReasoningEffort}}; reasoning is redacted. */
  NOVA_REASONING,
  /** gpt-oss: {@code reasoning_effort} low|medium|high; rejects {@code thinking}. */
  GPT_OSS,
  /** GPT-5.x on Responses: {@code reasoning.effort}; silent while it reasons. */
  GPT5,
  /** Always reasons (DeepSeek-R1, Qwen3 thinking); no switch. */
  ALWAYS
}

package io.stratum.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stratum.catalog.Backend;
import io.stratum.catalog.ModelCatalog;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each dispatch rule, one test named after it. */
class PlannerTest {
  private final Planner planner = new Planner(ModelCatalog.standard());

  private static ChatRequest ask() {
    return ChatRequest.of(ChatMessage.user("hi"));
  }

  private Plan plan(ChatRequest r, String model) {
    return planner.plan(r, model, null, Backend.CONVERSE, false);
  }

  // Rule 1: routing

  @Test
  void rule1_routes_by_catalog_when_the_family_has_one_backend() {
    Plan p = planner.plan(ask(), "openai.gpt-5.5", null, Backend.CONVERSE, false);

    assertThat(p.backend()).isEqualTo(Backend.RESPONSES);
    assertThat(p.route()).isEqualTo("catalog: family gpt-5.5 is served only by responses");
  }

  @Test
  void rule1_uses_the_default_backend_among_the_ones_a_family_offers() {
    assertThat(planner.plan(ask(), "openai.gpt-oss-120b", null, Backend.CHAT, false).backend())
        .isEqualTo(Backend.CHAT);
    Plan p = planner.plan(ask(), "openai.gpt-oss-120b", null, Backend.RESPONSES, false);
    assertThat(p.backend()).isEqualTo(Backend.RESPONSES);
    assertThat(p.route())
        .isEqualTo(
            "catalog+default: family gpt-oss is served by responses, chat; bedrock_default_backend = responses");
  }

  @Test
  void rule1_routes_an_unknown_model_by_the_default_backend_and_says_so() {
    Plan p = planner.plan(ask(), "acme.brand-new-model-v1:0", null, Backend.RESPONSES, false);

    assertThat(p.backend()).isEqualTo(Backend.RESPONSES);
    assertThat(p.route())
        .isEqualTo(
            "default: acme.brand-new-model-v1:0 is not in the catalog; bedrock_default_backend = responses");
  }

  @Test
  void rule1_a_pin_the_model_cannot_serve_is_an_error_naming_model_backend_and_surfaces() {
    assertThatThrownBy(
            () -> planner.plan(ask(), "openai.gpt-5.5", Backend.CONVERSE, Backend.CONVERSE, false))
        .isInstanceOf(DispatchException.InvalidRequest.class)
        .hasMessage(
            "model openai.gpt-5.5 cannot be served by the converse backend; family gpt-5.5 is served by: responses");
  }

  @Test
  void rule1_routes_grok_the_mantle_mistral_models_and_palmyra_on_responses_as_the_seed_does() {
    for (String model :
        List.of(
            "xai.grok-4.3",
            "mistral.mistral-large-3-675b-instruct",
            "mistral.magistral-small-2509",
            "mistral.ministral-3-8b-instruct",
            "mistral.devstral-2-123b",
            "mistral.voxtral-small-24b-2507",
            "writer.palmyra-vision-7b",
            "deepseek.v3.1",
            "google.gemma-3-27b-it")) {
      Plan p = planner.plan(ask(), model, null, Backend.RESPONSES, false);
      assertThat(p.backend()).as(model).isEqualTo(Backend.RESPONSES);
      assertThat(p.route()).as(model).startsWith("catalog+default: family ");
    }
    // the Mistral models Bedrock serves on Converse stay there
    assertThat(plan(ask(), "mistral.mistral-large-2407-v1:0").backend())
        .isEqualTo(Backend.CONVERSE);
  }

  @Test
  void rule1_resolves_geography_profiles_and_arns() {
    assertThat(plan(ask(), "eu.anthropic.claude-sonnet-4-6").family().name())
        .isEqualTo("claude-sonnet-4.6");
    assertThat(
            plan(
                    ask(),
                    "arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-opus-4-7")
                .family()
                .name())
        .isEqualTo("claude-opus-4.7");
  }

  // Rule 2: translation

  @Test
  void rule2_translates_parameter_names_per_surface() {
    ChatRequest r = ask().withMaxOutputTokens(100).withTopP(0.9).withStop(List.of("x"));

    assertThat(plan(r, "meta.llama3-3-70b-instruct-v1:0").renamed())
        .containsEntry("maxOutputTokens", "inferenceConfig.maxTokens")
        .containsEntry("topP", "inferenceConfig.topP")
        .containsEntry("stop", "inferenceConfig.stopSequences");
    assertThat(plan(r, "deepseek.v3.1").renamed())
        .containsEntry("maxOutputTokens", "max_completion_tokens")
        .containsEntry("topP", "top_p");
    assertThat(plan(ask().withMaxOutputTokens(100), "openai.gpt-5.5").renamed())
        .containsEntry("maxOutputTokens", "max_output_tokens");
  }

  // Rule 3: drop with a record

  @Test
  void rule3_drops_temperature_for_gpt5_while_it_reasons_and_records_why() {
    Plan p =
        plan(ask().withTemperature(0.2).withReasoningEffort(ReasoningEffort.LOW), "openai.gpt-5.5");

    assertThat(p.temperature()).isNull();
    assertThat(p.dropped())
        .containsExactly("temperature=0.2 (refused by gpt-5.5 while it reasons)");
  }

  @Test
  void rule3_keeps_temperature_for_gpt5_when_effort_is_none() {
    Plan p =
        plan(
            ask().withTemperature(0.2).withReasoningEffort(ReasoningEffort.NONE), "openai.gpt-5.5");

    assertThat(p.temperature()).isEqualTo(0.2);
    assertThat(p.dropped()).isEmpty();
  }

  @Test
  void rule3_drops_top_p_when_a_family_refuses_both_with_temperature() {
    Plan p =
        plan(ask().withTemperature(0.5).withTopP(0.9), "anthropic.claude-sonnet-4-5-20250929-v1:0");

    assertThat(p.topP()).isNull();
    assertThat(p.dropped())
        .containsExactly(
            "topP=0.9 (claude-sonnet-4.5 refuses temperature and topP together; temperature kept)");
  }

  @Test
  void rule3_drops_extra_keys_the_family_refuses_and_keys_the_dispatcher_owns() {
    Plan p = plan(ask().withExtra(Map.of("top_k", 20)), "amazon.nova-lite-v1:0");
    Plan q =
        plan(
            ask().withExtra(Map.of("thinking", "on", "safe_prompt", true)),
            "mistral.mistral-large-2407-v1:0");

    assertThat(p.dropped()).containsExactly("top_k=20 (refused by nova)");
    assertThat(q.dropped())
        .containsExactly("thinking=on (set by the dispatcher; use reasoningEffort)");
    assertThat(q.extra()).containsOnlyKeys("safe_prompt");
  }

  @Test
  void rule3_strict_mode_refuses_instead_of_dropping() {
    assertThatThrownBy(
            () ->
                planner.plan(
                    ask().withTemperature(0.2).withReasoningEffort(ReasoningEffort.HIGH),
                    "openai.gpt-5.5",
                    null,
                    Backend.CONVERSE,
                    true))
        .isInstanceOf(DispatchException.InvalidRequest.class)
        .hasMessage(
            "strict mode: openai.gpt-5.5 rejects temperature=0.2 (refused by gpt-5.5 while it reasons)");
  }

  @Test
  void rule3_trims_stop_sequences_beyond_the_family_limit_and_drops_them_on_responses() {
    Plan p = plan(ask().withStop(List.of("a", "b", "c", "d", "e")), "cohere.command-r-plus-v1:0");
    Plan q = plan(ask().withStop(List.of("a")), "openai.gpt-5.5");

    assertThat(p.stop()).containsExactly("a", "b", "c", "d");
    assertThat(p.dropped())
        .containsExactly("stop=[e] (cohere-command takes at most 4 stop sequences)");
    assertThat(q.stop()).isEmpty();
    assertThat(q.dropped())
        .containsExactly("stop=[a] (the responses wire for gpt-5.5 takes no stop sequences)");
  }

  // Rule 4: reasoning effort normalization

  @Test
  void rule4_maps_minimal_to_none_where_the_vocabulary_has_no_minimal() {
    Plan p = plan(ask().withReasoningEffort(ReasoningEffort.MINIMAL), "openai.gpt-5.5");

    assertThat(p.effort()).isEqualTo("none");
    assertThat(p.notes())
        .containsExactly(
            "reasoningEffort minimal sent as none (gpt-5.5 accepts none|low|medium|high|xhigh)");
  }

  @Test
  void rule4_maps_none_to_minimal_and_xhigh_to_high_where_those_are_missing() {
    assertThat(plan(ask().withReasoningEffort(ReasoningEffort.NONE), "openai.gpt-5.4").effort())
        .isEqualTo("minimal");
    assertThat(plan(ask().withReasoningEffort(ReasoningEffort.XHIGH), "openai.gpt-5.4").effort())
        .isEqualTo("high");
    assertThat(
            plan(ask().withReasoningEffort(ReasoningEffort.XHIGH), "amazon.nova-2-lite-v1:0")
                .effort())
        .isEqualTo("high");
  }

  @Test
  void rule4_gpt_oss_cannot_turn_reasoning_off_so_none_is_sent_as_low() {
    Plan p = plan(ask().withReasoningEffort(ReasoningEffort.NONE), "openai.gpt-oss-120b-1:0");

    assertThat(p.effort()).isEqualTo("low");
    assertThat(p.notes())
        .containsExactly(
            "reasoningEffort none sent as low: gpt-oss-converse cannot turn reasoning off");
  }

  @Test
  void rule4_claude_budget_always_stays_below_max_tokens_by_raising_the_ceiling() {
    Plan p =
        plan(
            ask().withReasoningEffort(ReasoningEffort.HIGH).withMaxOutputTokens(2000),
            "anthropic.claude-sonnet-4-5-20250929-v1:0");

    assertThat(p.thinking()).isEqualTo(Plan.Thinking.BUDGET);
    assertThat(p.thinkingBudget()).isEqualTo(16384);
    assertThat(p.maxOutputTokens()).isEqualTo(18384);
    assertThat(p.thinkingBudget()).isLessThan(p.maxOutputTokens());
    assertThat(p.notes())
        .containsExactly(
            "maxOutputTokens raised from 2000 to 18384 so the 16384-token thinking budget (high) fits below it");
  }

  @Test
  void rule4_claude_budget_is_lowered_when_the_ceiling_cannot_rise() {
    ModelCatalog tight =
        catalogWith(
            "{\"name\":\"tight-claude\",\"patterns\":[\"anthropic\\\\.tight.*\"],\"backends\":[\"converse\"],\"reasoning\":\"CLAUDE_BUDGET\",\"maxOutputTokens\":8000,\"defaultMaxOutputTokens\":8000}");

    Plan p =
        new Planner(tight)
            .plan(
                ask().withReasoningEffort(ReasoningEffort.HIGH),
                "anthropic.tight-1",
                null,
                Backend.CONVERSE,
                false);

    assertThat(p.maxOutputTokens()).isEqualTo(8000);
    assertThat(p.thinkingBudget()).isEqualTo(6976);
    assertThat(p.notes())
        .containsExactly(
            "thinking budget lowered from 16384 to 6976 to stay below maxOutputTokens 8000");
  }

  @Test
  void rule4_adaptive_only_claude_gets_adaptive_thinking_with_effort_and_no_temperature() {
    Plan p =
        plan(
            ask().withReasoningEffort(ReasoningEffort.XHIGH).withTemperature(0.7),
            "us.anthropic.claude-opus-4-7");

    assertThat(p.thinking()).isEqualTo(Plan.Thinking.ADAPTIVE);
    assertThat(p.effort()).isEqualTo("xhigh");
    assertThat(p.temperature()).isNull();
    assertThat(p.dropped()).containsExactly("temperature=0.7 (refused by claude-opus-4.7)");
    assertThat(p.renamed()).containsEntry("reasoningEffort", "outputConfig.effort");
  }

  @Test
  void rule4_temperature_is_dropped_when_claude_thinking_is_on() {
    Plan p =
        plan(
            ask().withReasoningEffort(ReasoningEffort.LOW).withTemperature(0.3),
            "anthropic.claude-haiku-4-5-20251001-v1:0");

    assertThat(p.temperature()).isNull();
    assertThat(p.dropped())
        .containsExactly("temperature=0.3 (refused by claude-haiku-4.5 while it reasons)");
  }

  @Test
  void rule4_nova_at_high_effort_sends_no_sampling_and_no_ceiling() {
    Plan p =
        plan(
            ask()
                .withReasoningEffort(ReasoningEffort.HIGH)
                .withTemperature(0.3)
                .withMaxOutputTokens(500),
            "amazon.nova-2-lite-v1:0");

    assertThat(p.maxOutputTokens()).isZero();
    assertThat(p.temperature()).isNull();
    assertThat(p.notes())
        .contains("maxOutputTokens not sent: nova-2 refuses it at high reasoning effort");
  }

  // Rule 5: family-aware ceilings

  @Test
  void rule5_gpt5_defaults_to_8192_output_tokens_and_no_reasoning() {
    Plan p = plan(ask(), "openai.gpt-5.5");

    assertThat(p.maxOutputTokens()).isEqualTo(8192);
    assertThat(p.effort()).isEqualTo("none");
    assertThat(p.reasoning()).isFalse();
  }

  @Test
  void rule5_a_ceiling_above_the_family_maximum_is_lowered_and_noted() {
    Plan p = plan(ask().withMaxOutputTokens(50_000), "meta.llama3-3-70b-instruct-v1:0");

    assertThat(p.maxOutputTokens()).isEqualTo(8192);
    assertThat(p.notes())
        .containsExactly("maxOutputTokens 50000 lowered to the llama ceiling of 8192");
  }

  @Test
  void rule5_a_ceiling_below_the_responses_minimum_of_16_is_raised_and_noted() {
    Plan p =
        planner.plan(
            ask().withMaxOutputTokens(3), "openai.gpt-oss-120b", null, Backend.RESPONSES, false);

    assertThat(p.maxOutputTokens()).isEqualTo(16);
    assertThat(p.notes())
        .containsExactly("maxOutputTokens 3 raised to 16, the least the responses wire takes");
  }

  @Test
  void rule5_a_ceiling_of_3_reaches_the_chat_and_converse_wires_unchanged() {
    assertThat(
            planner
                .plan(
                    ask().withMaxOutputTokens(3),
                    "openai.gpt-oss-120b",
                    Backend.CHAT,
                    Backend.CONVERSE,
                    false)
                .maxOutputTokens())
        .isEqualTo(3);
    Plan converse = plan(ask().withMaxOutputTokens(3), "meta.llama3-3-70b-instruct-v1:0");
    assertThat(converse.maxOutputTokens()).isEqualTo(3);
    assertThat(converse.notes()).isEmpty();
  }

  @Test
  void rule5_strict_mode_refuses_a_ceiling_below_the_responses_minimum_naming_it() {
    assertThatThrownBy(
            () ->
                planner.plan(
                    ask().withMaxOutputTokens(15), "openai.gpt-5.5", null, Backend.RESPONSES, true))
        .isInstanceOf(DispatchException.InvalidRequest.class)
        .hasMessage(
            "strict mode: maxOutputTokens 15 is below the least the responses wire takes, 16; ask for 16 or more");
  }

  @Test
  void rule5_the_gpt5_ceiling_is_hard_a_32000_budget_at_high_effort_is_sent_as_8192_and_warned() {
    Plan p =
        plan(
            ask().withMaxOutputTokens(32_000).withReasoningEffort(ReasoningEffort.HIGH),
            "openai.gpt-5.5");

    assertThat(p.maxOutputTokens()).isEqualTo(8192);
    assertThat(p.effort()).isEqualTo("high");
    assertThat(p.dropped())
        .containsExactly(
            "maxOutputTokens=32000 (above the gpt-5.5 hard ceiling of 8192 output tokens, reasoning included; 8192 sent)");
  }

  @Test
  void rule5_strict_mode_refuses_a_budget_above_the_hard_ceiling_naming_the_ceiling() {
    assertThatThrownBy(
            () ->
                planner.plan(
                    ask().withMaxOutputTokens(32_000).withReasoningEffort(ReasoningEffort.HIGH),
                    "openai.gpt-5.4",
                    null,
                    Backend.RESPONSES,
                    true))
        .isInstanceOf(DispatchException.InvalidRequest.class)
        .hasMessage(
            "strict mode: maxOutputTokens 32000 is above the gpt-5.4 hard ceiling of 8192 output tokens, reasoning included; ask for 8192 or less");
  }

  @Test
  void rule5_an_answer_budget_is_the_visible_answer_plus_the_family_s_reasoning_at_the_effort() {
    Backend d = Backend.RESPONSES;
    // GPT-5.5: none by default, 3072 reasoning at medium, and high fills the 8K ceiling exactly
    assertThat(planner.answerBudget("openai.gpt-5.5", null, d, 1024, null)).isEqualTo(1024);
    assertThat(planner.answerBudget("openai.gpt-5.5", null, d, 1024, ReasoningEffort.MEDIUM))
        .isEqualTo(4096);
    assertThat(planner.answerBudget("openai.gpt-5.5", null, d, 1024, ReasoningEffort.HIGH))
        .isEqualTo(8192);
    assertThat(planner.answerBudget("openai.gpt-5.5", null, d, 1024, ReasoningEffort.XHIGH))
        .isEqualTo(8192);
    // GPT-5.4 says minimal where 5.5 says none; its default effort is minimal
    assertThat(planner.answerBudget("openai.gpt-5.4", null, d, 1024, ReasoningEffort.NONE))
        .isEqualTo(1280);
    // a family that always reasons, one that never does, and a Claude budget (added by plan)
    assertThat(planner.answerBudget("qwen.qwen3-32b", null, d, 1024, null)).isEqualTo(3072);
    assertThat(planner.answerBudget("meta.llama3-3-70b-instruct-v1:0", null, d, 1024, null))
        .isEqualTo(1024);
    assertThat(
            planner.answerBudget(
                "anthropic.claude-sonnet-4-5-20250929-v1:0", null, d, 1024, ReasoningEffort.LOW))
        .isEqualTo(3072);
    assertThat(planner.answerBudget("acme.unknown-v1", null, d, 1024, ReasoningEffort.HIGH))
        .isEqualTo(1024);
  }

  // Catalog as data

  @Test
  void adding_a_family_is_a_data_change() {
    ModelCatalog more =
        catalogWith(
            "{\"name\":\"acme-reasoner\",\"patterns\":[\"acme\\\\.reasoner-.*\"],\"backends\":[\"chat\"],\"openAiPrefix\":\"/v1\",\"reasoning\":\"EFFORT_FIELD\",\"efforts\":[\"low\",\"high\"],\"defaultEffort\":\"low\",\"maxOutputTokens\":4000,\"defaultMaxOutputTokens\":1000,\"rejects\":[\"temperature\"]}");

    Plan p =
        new Planner(more)
            .plan(
                ask().withTemperature(0.1).withReasoningEffort(ReasoningEffort.MEDIUM),
                "acme.reasoner-2",
                null,
                Backend.CONVERSE,
                false);

    assertThat(p.backend()).isEqualTo(Backend.CHAT);
    assertThat(p.effort()).isEqualTo("low");
    assertThat(p.dropped()).containsExactly("temperature=0.1 (refused by acme-reasoner)");
    assertThat(p.route()).isEqualTo("catalog: family acme-reasoner is served only by chat");
  }

  @Test
  void a_bad_catalog_entry_is_reported_with_its_position_and_every_problem() {
    assertThatThrownBy(
            () ->
                catalogWith(
                    "{\"name\":\"x\",\"patterns\":[\"x\"],\"backends\":[\"grpc\"],\"maxOutputTokens\":1,\"defaultMaxOutputTokens\":1}, {\"name\":\"y\",\"patterns\":[],\"backends\":[\"chat\"],\"maxOutputTokens\":1,\"defaultMaxOutputTokens\":1}"))
        .hasMessage(
            "test.json: families[0] (x): backends: expected converse|responses|chat|local, got 'grpc'\ntest.json: families[1] (y): patterns must list at least one id pattern");
  }

  @Test
  void the_shipped_catalog_has_at_least_eighteen_families() {
    assertThat(ModelCatalog.standard().families()).hasSizeGreaterThanOrEqualTo(18);
  }

  static ModelCatalog catalogWith(String families) {
    try {
      return ModelCatalog.standard()
          .with(
              ModelCatalog.fromJson(
                  new ByteArrayInputStream(("{\"families\":[" + families + "]}").getBytes()),
                  "test.json"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

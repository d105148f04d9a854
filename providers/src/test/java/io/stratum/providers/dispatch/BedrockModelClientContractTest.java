package io.stratum.providers.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratum.catalog.Backend;
import io.stratum.catalog.ModelCatalog;
import io.stratum.dispatch.ChatMessage;
import io.stratum.dispatch.ChatRequest;
import io.stratum.dispatch.ChatResult;
import io.stratum.dispatch.DispatchSettings;
import io.stratum.dispatch.Dispatcher;
import io.stratum.dispatch.ModelClient;
import io.stratum.dispatch.Planner;
import io.stratum.dispatch.StopReason;
import io.stratum.providers.bedrock.BedrockTransports;
import io.stratum.simulator.BedrockSimulator;
import io.stratum.testkit.ModelClientContract;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * {@link ModelClientContract} once per Bedrock wire, against the simulator: the client an
 * application gets from the dispatcher, pinned to one backend, must behave as the scripted and the
 * local model do. The wires are Converse (AWS SDK, SigV4), Responses on bedrock-mantle and on
 * bedrock-runtime's {@code /openai/v1}, and Chat Completions on bedrock-mantle.
 *
 * <p>Each wire is driven with a model that does not reason by default (Claude Sonnet 4.5 without
 * thinking, DeepSeek V3.1, GPT-5.5 at effort none): a model that always reasons spends a tight
 * ceiling on reasoning, and the dispatcher then retries once with a larger one (see {@code
 * Dispatcher}), which is a different behaviour from the one the contract names.
 */
class BedrockModelClientContractTest {
  static BedrockSimulator sim;
  static Dispatcher dispatcher;

  @BeforeAll
  static void start() {
    sim = BedrockSimulator.builder().build().start();
    dispatcher =
        new Dispatcher(
            new Planner(ModelCatalog.standard()),
            BedrockTransports.create(
                new BedrockTransports.Connection(
                    sim.region(),
                    sim.endpoint(),
                    sim.endpoint(),
                    null,
                    sim.accessKeyId(),
                    sim.secretKey(),
                    "bedrock-mantle")),
            DispatchSettings.defaults(Backend.CONVERSE).withRetries(0, Duration.ofMillis(5)));
  }

  @AfterAll
  static void stop() {
    sim.close();
  }

  /** A question the simulator answers at some length: it echoes it back with its own words. */
  static ChatRequest question() {
    return ChatRequest.of(
        ChatMessage.system("Answer in a few sentences."),
        ChatMessage.user("How often are the customer master keys of the ledger rotated?"));
  }

  /** The contract on one wire, driven by one model. */
  abstract class Pinned extends ModelClientContract {
    abstract String model();

    abstract Backend backend();

    @Override
    protected ModelClient client() {
      return dispatcher.client(model(), backend());
    }

    @Override
    protected ChatRequest answerableRequest() {
      return question();
    }
  }

  /** The Responses wire, on either endpoint. */
  abstract class OnResponses extends Pinned {
    @Override
    Backend backend() {
      return Backend.RESPONSES;
    }

    /** OpenAI's Responses API refuses a max_output_tokens below 16 (HTTP 400). */
    @Override
    protected int leastCeilingOnTheWire() {
      return 16;
    }

    @Test
    void a_ceiling_of_3_is_raised_to_the_wire_minimum_and_the_result_says_so() {
      ChatResult result = client().chat(question().withMaxOutputTokens(3));

      assertThat(result.stopReason()).isEqualTo(StopReason.MAX_TOKENS);
      assertThat(result.notes())
          .contains("maxOutputTokens 3 raised to 16, the least the responses wire takes");
    }
  }

  @Nested
  class Converse extends Pinned {
    @Override
    String model() {
      return "us.anthropic.claude-sonnet-4-5-20250929-v1:0";
    }

    @Override
    Backend backend() {
      return Backend.CONVERSE;
    }
  }

  @Nested
  class ResponsesOnMantle extends OnResponses {
    @Override
    String model() {
      return "deepseek.v3.1";
    }
  }

  @Nested
  class ResponsesOnRuntime extends OnResponses {
    @Override
    String model() {
      return "openai.gpt-5.5";
    }
  }

  @Nested
  class ChatOnMantle extends Pinned {
    @Override
    String model() {
      return "deepseek.v3.1";
    }

    @Override
    Backend backend() {
      return Backend.CHAT;
    }
  }
}

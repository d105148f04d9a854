package io.stratum.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratum.dispatch.ChatEvent;
import io.stratum.dispatch.ChatRequest;
import io.stratum.dispatch.ChatResult;
import io.stratum.dispatch.ModelClient;
import io.stratum.dispatch.StopReason;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ModelClient} must do, whatever model or wire is behind it. Subclass it once per
 * implementation and supply a client and a request it can answer at some length.
 */
public abstract class ModelClientContract {
  /** The client under test. */
  protected abstract ModelClient client();

  /** A request the client answers with at least a dozen tokens of text. */
  protected abstract ChatRequest answerableRequest();

  @Test
  void a_stream_ends_with_one_completed_event_carrying_the_returned_result() {
    List<ChatEvent> events = new ArrayList<>();

    ChatResult result = client().stream(answerableRequest(), events::add);

    assertThat(events).isNotEmpty();
    assertThat(events.get(events.size() - 1)).isEqualTo(new ChatEvent.Completed(result));
    assertThat(events).filteredOn(e -> e instanceof ChatEvent.Completed).hasSize(1);
  }

  @Test
  void text_deltas_add_up_to_the_result_text() {
    StringBuilder text = new StringBuilder();

    ChatResult result =
        client().stream(
            answerableRequest(),
            e -> {
              if (e instanceof ChatEvent.TextDelta d) {
                text.append(d.text());
              }
            });

    assertThat(result.text()).isNotBlank();
    assertThat(text.toString()).isEqualTo(result.text());
  }

  @Test
  void chat_returns_what_stream_returns() {
    assertThat(client().chat(answerableRequest()).text())
        .isEqualTo(client().stream(answerableRequest(), e -> {}).text());
  }

  @Test
  void a_result_names_its_model_and_backend_and_counts_tokens() {
    ChatResult result = client().chat(answerableRequest());

    assertThat(result.modelId()).isEqualTo(client().modelId());
    assertThat(result.backend()).isNotBlank();
    assertThat(result.route()).isNotBlank();
    assertThat(result.stopReason()).isEqualTo(StopReason.END_TURN);
    assertThat(result.usage().input()).isPositive();
    assertThat(result.usage().output()).isPositive();
  }

  /**
   * The least output ceiling the client's wire accepts. A client raises a smaller ceiling to it
   * (and says so in the result's notes); the default, 1, is a wire that takes any ceiling. A
   * subclass that overrides it states the wire's rule.
   */
  protected int leastCeilingOnTheWire() {
    return 1;
  }

  @Test
  void a_tight_output_ceiling_stops_with_max_tokens() {
    ChatResult result = client().chat(answerableRequest().withMaxOutputTokens(3));

    assertThat(result.stopReason()).isEqualTo(StopReason.MAX_TOKENS);
    assertThat(result.usage().output()).isLessThanOrEqualTo(Math.max(3, leastCeilingOnTheWire()));
  }
}

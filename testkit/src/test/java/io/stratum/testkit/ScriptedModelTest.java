package io.stratum.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratum.dispatch.ChatMessage;
import io.stratum.dispatch.ChatRequest;
import io.stratum.dispatch.ModelClient;
import org.junit.jupiter.api.Test;

class ScriptedModelTest extends ModelClientContract {
  private final ScriptedModel model =
      ScriptedModel.replying(r -> "You asked: " + r.lastUserText() + " and here is a long answer.");

  @Override
  protected ModelClient client() {
    return model;
  }

  @Override
  protected ChatRequest answerableRequest() {
    return ChatRequest.of(ChatMessage.user("what is the retention period for audit records"));
  }

  @Test
  void records_what_reached_it() {
    model.chat(answerableRequest());

    assertThat(model.requests()).containsExactly(answerableRequest());
  }
}

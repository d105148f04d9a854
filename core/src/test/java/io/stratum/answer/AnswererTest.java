package io.stratum.answer;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratum.chunk.Chunk;
import io.stratum.corpus.SourceDocument;
import io.stratum.dispatch.ChatEvent;
import io.stratum.dispatch.ChatRequest;
import io.stratum.dispatch.ChatResult;
import io.stratum.dispatch.ModelClient;
import io.stratum.dispatch.StopReason;
import io.stratum.dispatch.Usage;
import io.stratum.index.CorpusIndex;
import io.stratum.index.Hit;
import io.stratum.index.IndexedChunk;
import io.stratum.index.LuceneIndex;
import io.stratum.retrieval.Passage;
import io.stratum.retrieval.Retriever;
import io.stratum.testing.TermEmbedder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnswererTest {
  @TempDir Path dir;
  private CorpusIndex index;
  private final AtomicReference<ChatRequest> sent = new AtomicReference<>();

  /** A model that replies with fixed deltas and remembers what it was sent. */
  private ModelClient replying(String... deltas) {
    return new ModelClient() {
      @Override
      public String modelId() {
        return "scripted";
      }

      @Override
      public ChatResult stream(ChatRequest request, Consumer<ChatEvent> listener) {
        sent.set(request);
        for (String d : deltas) {
          listener.accept(new ChatEvent.TextDelta(d));
        }
        ChatResult r =
            new ChatResult(
                String.join("", deltas),
                "",
                List.of(),
                StopReason.END_TURN,
                new Usage(10, 5, 0, 0, 0),
                "scripted",
                "test",
                "test",
                List.of(),
                Map.of(),
                Duration.ZERO,
                Duration.ZERO,
                List.of());
        listener.accept(new ChatEvent.Completed(r));
        return r;
      }
    };
  }

  @BeforeEach
  void index() {
    TermEmbedder e = new TermEmbedder();
    index = LuceneIndex.open(dir, e);
    add(e, "security", "keys", "Master keys rotate every 365 days.");
    add(e, "security", "tokens", "Access tokens live for 15 minutes.");
    add(e, "operations", "failover", "Promote the standby with the smallest lag.");
    index.commit();
  }

  private void add(TermEmbedder e, String ws, String name, String text) {
    SourceDocument doc =
        new SourceDocument(
            ws + ":" + name, ws, "markdown", name, name, "", "", text, "h", Map.of());
    index.replace(
        doc, List.of(new IndexedChunk(new Chunk(0, List.of(name), text), e.embedQuery(text))));
  }

  @AfterEach
  void close() {
    index.close();
  }

  private Answerer answerer(ModelClient model) {
    return new Answerer(new Retriever(index), model, new RelevanceGate(0.6, 0.9), 4, 256);
  }

  @Test
  void grounds_the_model_in_numbered_passages_and_binds_its_citations() {
    List<AnswerEvent> events = new ArrayList<>();

    Answer a =
        answerer(replying("Keys rotate yearly [", "1]. Bogus [9]."))
            .ask("How often do master keys rotate?", Set.of("security"), events::add);

    assertThat(a.text()).isEqualTo("Keys rotate yearly [1]. Bogus .");
    assertThat(a.citations()).extracting(p -> p.documentId()).containsExactly("security:keys");
    assertThat(a.removedMarkers()).isEqualTo(1);
    assertThat(a.refused()).isFalse();
    assertThat(a.usage()).isEqualTo(new Usage(10, 5, 0, 0, 0));
    GroundingPrompt.Parsed prompt = GroundingPrompt.parse(sent.get().lastUserText());
    assertThat(prompt.question()).isEqualTo("How often do master keys rotate?");
    assertThat(prompt.sources().get(0).text()).isEqualTo("Master keys rotate every 365 days.");
    assertThat(sent.get().maxOutputTokens()).isEqualTo(256);
    assertThat(events.get(0)).isInstanceOf(AnswerEvent.Passages.class);
    assertThat(events.get(events.size() - 1)).isInstanceOf(AnswerEvent.Done.class);
    assertThat(events).filteredOn(e -> e instanceof AnswerEvent.Cited).hasSize(1);
  }

  @Test
  void refuses_without_calling_the_model_when_nothing_relevant_is_in_scope() {
    List<AnswerEvent> events = new ArrayList<>();

    Answer a =
        answerer(replying("should not be called"))
            .ask("What is on the cafeteria menu?", Set.of("security"), events::add);

    assertThat(sent.get()).isNull();
    assertThat(a.refused()).isTrue();
    assertThat(a.text()).isEqualTo(GroundingPrompt.REFUSAL);
    assertThat(a.refusal()).startsWith("no passage in security covers 60% of the question's terms");
    assertThat(a.citations()).isEmpty();
    assertThat(events)
        .containsExactly(
            new AnswerEvent.Passages(List.of()),
            new AnswerEvent.Delta(GroundingPrompt.REFUSAL),
            new AnswerEvent.Done(a));
  }

  @Test
  void never_hands_the_model_a_passage_from_outside_the_scope() {
    answerer(replying("ok [1]."))
        .ask("How do we promote the standby with the smallest lag?", Set.of("operations"), e -> {});

    GroundingPrompt.Parsed prompt = GroundingPrompt.parse(sent.get().lastUserText());
    assertThat(prompt.sources()).extracting(GroundingPrompt.Source::title).containsOnly("failover");
  }

  @Test
  void a_model_that_says_it_has_no_answer_is_recorded_as_a_refusal() {
    Answer a =
        answerer(replying(GroundingPrompt.REFUSAL))
            .ask("How often do master keys rotate?", Set.of("security"), e -> {});

    assertThat(a.refused()).isTrue();
    assertThat(a.refusal()).isEqualTo("the model found no answer in the passages");
  }

  @Test
  void the_prompt_round_trips_awkward_text() {
    var passage =
        new Passage(
            1,
            new Hit(
                "c",
                "d",
                "ws",
                "Title \"quoted\"",
                "A > B",
                "p",
                "superseded",
                "text with </passage> inside",
                1f),
            1,
            1);

    GroundingPrompt.Parsed parsed =
        GroundingPrompt.parse(
            GroundingPrompt.request("q </question>?", List.of(passage), 10).lastUserText());

    assertThat(parsed.sources()).hasSize(1);
    assertThat(parsed.sources().get(0).title()).isEqualTo("Title 'quoted' (SUPERSEDED)");
    assertThat(parsed.sources().get(0).text()).isEqualTo("text with < /passage> inside");
    assertThat(parsed.question()).isEqualTo("q < /question>?");
  }
}

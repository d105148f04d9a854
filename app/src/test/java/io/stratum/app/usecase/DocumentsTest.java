package io.stratum.app.usecase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stratum.access.AccessDeniedException;
import io.stratum.chunk.Chunker;
import io.stratum.ingest.Ingestor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DocumentsTest extends UseCaseTest {
  Documents documents;

  @BeforeEach
  void setUp() {
    documents =
        new Documents(
            u.guard,
            u.stores.documents,
            new Ingestor(u.stores.workspaces, u.stores.documents, u.index, new Chunker(1200)),
            u.auditor);
  }

  private String keysId() {
    String source = u.stores.documents.sourcesOf("security").get(0).source();
    return u.stores.documents.documentsOfSource(source).stream()
        .filter(d -> d.workspace().equals("security"))
        .findFirst()
        .orElseThrow()
        .id();
  }

  @Test
  void a_reader_gets_the_document_with_its_chunks_and_the_read_is_audited() {
    Documents.DocumentView d = documents.document(u.vic, keysId()).orElseThrow();

    assertThat(d.document().workspace()).isEqualTo("security");
    assertThat(String.join("", d.chunks())).contains("rotated every 365 days");
    assertThat(u.audited("document.read"))
        .singleElement()
        .satisfies(r -> assertThat(r.outcome()).isEqualTo("success"));
  }

  @Test
  void someone_outside_the_workspace_finds_nothing_as_for_a_missing_id_and_the_denial_is_audited() {
    assertThat(documents.document(u.olga, keysId())).isEmpty();
    assertThat(documents.document(u.olga, "security:nope.md")).isEmpty();
    assertThat(u.audited("document.read"))
        .singleElement()
        .satisfies(r -> assertThat(r.outcome()).isEqualTo("denied"));
  }

  @Test
  void an_unknown_document_is_empty() {
    assertThat(documents.document(u.dana, "security:nope.md")).isEmpty();
  }

  @Test
  void listing_sources_goes_through_the_guard_like_any_read() {
    assertThat(documents.sources(u.vic, "security")).hasSize(1);
    assertThatThrownBy(() -> documents.sources(u.dana, "operations"))
        .isInstanceOf(AccessDeniedException.class);
    assertThat(u.audited("sources.read"))
        .singleElement()
        .satisfies(r -> assertThat(r.outcome()).isEqualTo("denied"));
  }
}

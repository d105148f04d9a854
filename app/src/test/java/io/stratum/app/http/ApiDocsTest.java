package io.stratum.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ApiDocsTest {
  @Test
  void the_docs_page_shows_each_fields_limits_from_the_spec() {
    String page = ApiDocs.render(ApiDocs.tree().toString());

    assertThat(page)
        .contains("<li><code>title</code> (body); at most 200 characters</li>")
        .contains("<li><code>monthlyCapUsd</code> (body); from 0 to 1000000</li>")
        .contains("<li><code>tiers</code> (body); at most 2 entries; one of advanced, basic</li>")
        .contains("how many passages, 1 to 50 (default 10); from 1 to 50</li>");
  }
}

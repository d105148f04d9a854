package io.stratum.app.http;

import io.stratum.app.docs.GeneratedSection;
import org.junit.jupiter.api.Test;

/**
 * The operations in {@code docs/reference/http-api.md} are the ones {@code /openapi.json} declares.
 * Regenerate them after changing {@code app/src/main/resources/openapi.json} with the command the
 * failure prints.
 */
class HttpApiDocTest {
  static final GeneratedSection SECTION =
      new GeneratedSection("docs/reference/http-api.md", "openapi", "HttpApiDocTest");

  @Test
  void the_http_api_reference_lists_exactly_the_operations_and_schemas_of_the_served_spec()
      throws Exception {
    SECTION.check(
        SECTION.wrap(
            "app/src/main/resources/openapi.json", HttpApiReference.render(ApiDocs.tree())));
  }
}

package io.stratum.providers.atlassian;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stratum.corpus.Scan;
import io.stratum.corpus.ScanProblem;
import io.stratum.corpus.SourceDocument;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Jira and Confluence export files, for sites Stratum cannot reach. */
class AtlassianExportsTest {
  @TempDir Path dir;

  private static Path resource(String name) throws URISyntaxException {
    return Path.of(AtlassianExportsTest.class.getResource("/atlassian/" + name).toURI());
  }

  private static SourceDocument doc(Scan scan, String id) {
    return scan.documents().stream().filter(d -> d.id().equals(id)).findFirst().orElseThrow();
  }

  @Test
  void a_jira_csv_export_reads_multiline_descriptions_repeated_columns_and_comments()
      throws Exception {
    Scan scan = JiraExportConnector.into(resource("jira-export.csv"), "tickets").scan();

    SourceDocument sec12 = doc(scan, "tickets:jira/SEC-12");
    assertThat(sec12.title())
        .isEqualTo("SEC-12: Rotate the payments KMS key after the contractor offboarding");
    assertThat(sec12.status()).isEqualTo("in progress");
    assertThat(sec12.body())
        .contains(
            "A contractor with key admin rights left on Friday, so the key is rotated by hand.")
        .contains("* Re-encrypt the ledger store")
        .contains(
            "## Comments\n\n- Dana Ortiz (20/Nov/26 11:00 AM): Rotation done, re-encryption running.\n- Sam Lee (20/Nov/26 3:40 PM): Ledger store re-encrypted; closing tomorrow.");
    assertThat(sec12.metadata())
        .containsEntry("components", "payments,kms")
        .containsEntry("issuetype", "Task")
        .containsEntry("updated", "20/Nov/26 3:40 PM")
        .containsEntry("identifiers", "sec-12");
    assertThat(doc(scan, "tickets:jira/OPS-7").metadata())
        .containsEntry("components", "settlement");
    assertThat(scan.problems())
        .containsExactly(new ScanProblem("row 4", "cannot read issue: issue without a key"));
  }

  @Test
  void a_jira_json_export_of_search_results_gives_the_documents_the_api_gives() throws Exception {
    Scan scan = JiraExportConnector.into(resource("jira-page-1.json"), "tickets").scan();

    SourceDocument sec12 = doc(scan, "tickets:jira/SEC-12");
    assertThat(sec12.body())
        .contains("## Why")
        .contains("- Rotate the customer master key\n- Re-encrypt the ledger store")
        .contains(
            "## Comments\n\n- Dana Ortiz (2026-11-20T11:00:00.000+0000): Rotation done, re-encryption running.");
    assertThat(sec12.status()).isEqualTo("in progress");
  }

  @Test
  void a_csv_without_the_issue_key_column_is_refused_naming_the_columns_it_has() throws Exception {
    Path f = Files.writeString(dir.resolve("issues.csv"), "Summary,Key,Status\nA,B-1,Done\n");

    assertThatThrownBy(() -> JiraExportConnector.into(f, "tickets").scan())
        .hasMessage("jira export issues.csv: no 'Issue key' column; found: Summary, Key, Status");
  }

  @Test
  void other_file_types_and_broken_json_are_refused_with_the_reason() throws Exception {
    Path xml = Files.writeString(dir.resolve("issues.xml"), "<rss/>");
    Path json = Files.writeString(dir.resolve("issues.json"), "{\"issues\": [\n{\"key\": }]}");

    assertThatThrownBy(() -> JiraExportConnector.into(xml, "tickets").scan())
        .hasMessage("jira export: expected a .csv or .json file, got 'issues.xml'");
    assertThatThrownBy(() -> JiraExportConnector.into(json, "tickets").scan())
        .hasMessageStartingWith("jira export issues.json: not valid JSON at line 2: ");
  }

  @Test
  void a_confluence_space_export_folder_keeps_titles_headings_ids_and_breadcrumbs()
      throws Exception {
    Scan scan = ConfluenceExportConnector.into(resource("confluence-export"), "ops").scan();

    assertThat(scan.documents())
        .extracting(SourceDocument::id)
        .containsExactly("ops:confluence/65538", "ops:confluence/65537");
    SourceDocument failover = doc(scan, "ops:confluence/65538");
    assertThat(failover.title()).isEqualTo("Database failover");
    assertThat(failover.body())
        .startsWith("Use this when the primary ledger database stops answering.")
        .contains("## Promote the standby")
        .contains("- Confirm the primary is down for 2 minutes & alert #payments-oncall.")
        .contains("## Verify")
        .contains("replication lag | 0 s");
    assertThat(failover.metadata())
        .containsEntry("breadcrumbs", "Operations > Runbooks")
        .containsEntry(
            "modified", "Created by Dana Ortiz, last modified by Sam Lee on Nov 20, 2026");
    assertThat(scan.problems())
        .containsExactly(
            new ScanProblem(
                "OPS/Broken-page_65540.html",
                "cannot read page: no #main-content element: not a Confluence page export"));
  }

  @Test
  void the_zip_as_downloaded_reads_the_same_as_its_folder() throws Exception {
    Path folder = resource("confluence-export");
    Path zip = dir.resolve("Confluence-space-export.zip");
    try (OutputStream out = Files.newOutputStream(zip);
        ZipOutputStream z = new ZipOutputStream(out);
        Stream<Path> files = Files.walk(folder)) {
      for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
        z.putNextEntry(new ZipEntry(folder.relativize(f).toString().replace('\\', '/')));
        try (InputStream in = Files.newInputStream(f)) {
          in.transferTo(z);
        }
        z.closeEntry();
      }
    }

    Scan fromZip = ConfluenceExportConnector.into(zip, "ops").scan();
    Scan fromFolder = ConfluenceExportConnector.into(folder, "ops").scan();

    assertThat(fromZip.documents()).isEqualTo(fromFolder.documents());
    assertThat(fromZip.problems()).hasSize(1);
  }
}

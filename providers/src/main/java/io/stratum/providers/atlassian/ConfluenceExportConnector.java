package io.stratum.providers.atlassian;

import io.stratum.corpus.Connector;
import io.stratum.corpus.MarkdownConnector;
import io.stratum.corpus.Scan;
import io.stratum.corpus.ScanProblem;
import io.stratum.corpus.SourceDocument;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Confluence pages from an HTML space export (the zip, or the folder it unpacks to), for sites
 * Stratum cannot reach. Each page file holds the page in {@code #main-content}, its title in {@code
 * #title-text} ("Space : Title") and its place in {@code #breadcrumbs}; the page id ends the file
 * name ({@code Runbook-index_65538.html}), so documents get the same ids the REST connector gives
 * them. {@code index.html} and attachments are skipped.
 */
public final class ConfluenceExportConnector implements Connector {
  private static final Pattern PAGE_ID = Pattern.compile("(?:^|_)(\\d+)\\.html$");
  private final Path source;
  private final String workspace;

  private ConfluenceExportConnector(Path source, String workspace) {
    this.source = source.toAbsolutePath().normalize();
    this.workspace = MarkdownConnector.requireWorkspaceId(workspace);
  }

  public static ConfluenceExportConnector into(Path dirOrZip, String workspace) {
    return new ConfluenceExportConnector(dirOrZip, workspace);
  }

  @Override
  public String name() {
    return "confluence-export:" + source;
  }

  @Override
  public Scan scan() {
    Map<String, String> pages = new LinkedHashMap<>();
    try {
      if (Files.isDirectory(source)) {
        try (Stream<Path> files = Files.walk(source)) {
          for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
            pages.put(source.relativize(f).toString().replace('\\', '/'), null);
          }
        }
        pages.replaceAll((rel, v) -> page(rel) ? read(source.resolve(rel)) : null);
      } else if (source.toString().toLowerCase(Locale.ROOT).endsWith(".zip")) {
        try (ZipFile zip = new ZipFile(source.toFile())) {
          for (ZipEntry e :
              zip.stream().sorted((a, b) -> a.getName().compareTo(b.getName())).toList()) {
            if (!e.isDirectory() && page(e.getName())) {
              try (InputStream in = zip.getInputStream(e)) {
                pages.put(e.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
              }
            }
          }
        }
      } else {
        throw new IllegalArgumentException(
            "confluence export: expected the space export's .zip or its folder, got " + source);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("confluence export: cannot read " + source, e);
    }
    List<SourceDocument> docs = new ArrayList<>();
    List<ScanProblem> problems = new ArrayList<>();
    pages.forEach(
        (rel, html) -> {
          if (html == null) {
            return;
          }
          try {
            docs.add(document(rel, html));
          } catch (RuntimeException e) {
            problems.add(new ScanProblem(rel, "cannot read page: " + e.getMessage()));
          }
        });
    return new Scan(docs, problems);
  }

  private static boolean page(String rel) {
    String name = rel.substring(rel.lastIndexOf('/') + 1);
    return name.endsWith(".html")
        && !name.equals("index.html")
        && !rel.contains("attachments/")
        && !rel.contains("styles/")
        && !rel.contains("images/");
  }

  private static String read(Path f) {
    try {
      return Files.readString(f, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("confluence export: cannot read " + f, e);
    }
  }

  private SourceDocument document(String rel, String html) {
    Document page = Jsoup.parse(html);
    page.outputSettings().prettyPrint(false); // the storage-format reader expects the markup as is
    Element main = page.selectFirst("#main-content");
    if (main == null) {
      throw new IllegalArgumentException("no #main-content element: not a Confluence page export");
    }
    String name = rel.substring(rel.lastIndexOf('/') + 1);
    Matcher m = PAGE_ID.matcher(name);
    String id = m.find() ? m.group(1) : name.substring(0, name.length() - ".html".length());
    Element titleText = page.selectFirst("#title-text");
    String title = titleText != null ? titleText.text() : page.title();
    int sep = title.indexOf(" : ");
    title = (sep >= 0 ? title.substring(sep + 3) : title).strip();
    List<String> crumbs = new ArrayList<>();
    page.select("#breadcrumbs li").forEach(li -> crumbs.add(li.text().strip()));
    Element meta = page.selectFirst(".page-metadata");
    String text = ConfluenceConnector.text(main.html());
    Map<String, String> metadata = new LinkedHashMap<>();
    metadata.put("page_id", id);
    metadata.put("breadcrumbs", String.join(" > ", crumbs));
    metadata.put("modified", meta == null ? "" : meta.text().strip());
    metadata.put("export_file", rel);
    return new SourceDocument(
        workspace + ":confluence/" + id,
        workspace,
        "confluence",
        rel,
        title.isEmpty() ? "page " + id : title,
        "",
        "",
        text,
        Integer.toHexString(text.hashCode()),
        metadata);
  }
}

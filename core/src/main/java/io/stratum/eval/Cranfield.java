package io.stratum.eval;

import io.stratum.corpus.Connector;
import io.stratum.corpus.Scan;
import io.stratum.corpus.SourceDocument;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Cranfield-1400 collection in its SMART files: {@code cran.all.1400} (documents: {@code .I},
 * {@code .T} title, {@code .W} abstract), {@code cran.qry} (queries; their {@code .I} numbers are
 * not contiguous, and the judgments refer to queries by position), {@code cranqrel} ({@code query
 * doc grade}, where 1 is the best grade and -1 not relevant; gain = 5 − grade).
 */
public final class Cranfield {
  /** A Cranfield document: its number, title and abstract. */
  public record Doc(String id, String title, String text) {}

  private Cranfield() {}

  public static List<Doc> documents(Path dir) throws IOException {
    return records(Files.readString(dir.resolve("cran.all.1400"))).entrySet().stream()
        .map(
            e ->
                new Doc(
                    e.getKey(),
                    field(e.getValue(), ".T").strip(),
                    field(e.getValue(), ".W").strip()))
        .toList();
  }

  public static Judged judged(Path dir) throws IOException {
    Map<String, String> byPosition = new LinkedHashMap<>();
    int position = 0;
    for (String text : records(Files.readString(dir.resolve("cran.qry"))).values()) {
      byPosition.put(String.valueOf(++position), field(text, ".W").strip().replaceAll("\\s+", " "));
    }
    Map<String, Map<String, Integer>> gains = new LinkedHashMap<>();
    for (String line : Files.readAllLines(dir.resolve("cranqrel"))) {
      String[] f = line.strip().split("\\s+");
      if (f.length < 3) {
        continue;
      }
      int grade = Integer.parseInt(f[2]);
      int gain = grade >= 1 && grade <= 4 ? 5 - grade : 0;
      gains.computeIfAbsent(f[0], q -> new LinkedHashMap<>()).put(f[1], gain);
    }
    return new Judged(byPosition, gains);
  }

  /** Splits SMART text at {@code .I n} lines: id → the record's text. */
  private static Map<String, String> records(String all) {
    Map<String, String> out = new LinkedHashMap<>();
    String id = null;
    StringBuilder current = new StringBuilder();
    for (String line : all.split("\n")) {
      if (line.startsWith(".I ")) {
        if (id != null) {
          out.put(id, current.toString());
        }
        id = String.valueOf(Integer.parseInt(line.substring(3).strip()));
        current.setLength(0);
      } else {
        current.append(line).append('\n');
      }
    }
    if (id != null) {
      out.put(id, current.toString());
    }
    return out;
  }

  /** The text of one {@code .X} field of a record, up to the next field. */
  private static String field(String record, String marker) {
    StringBuilder out = new StringBuilder();
    boolean in = false;
    for (String line : record.split("\n")) {
      if (line.length() == 2 && line.startsWith(".")) {
        in = line.equals(marker);
        continue;
      }
      if (in) {
        out.append(line).append('\n');
      }
    }
    return out.toString();
  }

  /** The documents as a connector into workspace {@code ws}: id {@code cran:N}, title, abstract. */
  public static Connector connector(Path dir, String ws) {
    return new Connector() {
      @Override
      public String name() {
        return "cranfield:" + dir;
      }

      @Override
      public Scan scan() {
        try {
          List<SourceDocument> docs = new ArrayList<>();
          for (Doc d : documents(dir)) {
            String body = d.text().isEmpty() ? d.title() : d.text();
            if (body.isBlank()) {
              continue; // docs 471 and 995 are empty
            }
            docs.add(
                new SourceDocument(
                    "cran:" + d.id(),
                    ws,
                    "cranfield",
                    d.id(),
                    d.title().isEmpty() ? "doc " + d.id() : d.title(),
                    "",
                    "",
                    body,
                    Integer.toHexString(body.hashCode()),
                    Map.of()));
          }
          return new Scan(docs, List.of());
        } catch (IOException e) {
          throw new UncheckedIOException("cannot read Cranfield files in " + dir, e);
        }
      }
    };
  }
}

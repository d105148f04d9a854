package io.stratum.eval;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A user's own judged questions: {@code queries.tsv} ({@code qid<TAB>text}) and TREC qrels ({@code
 * qid 0 docid grade}, higher grade = more relevant, 0 = not relevant). Bad lines are reported with
 * file and line, all at once.
 */
public final class Trec {
  private Trec() {}

  public static Judged read(Path queries, Path qrels) throws IOException {
    List<String> problems = new ArrayList<>();
    Map<String, String> q = new LinkedHashMap<>();
    List<String> lines = Files.readAllLines(queries);
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isBlank()) {
        continue;
      }
      int tab = line.indexOf('\t');
      if (tab <= 0 || tab == line.length() - 1) {
        problems.add(
            "%s:%d: expected qid<TAB>text, got '%s'".formatted(queries.getFileName(), i + 1, line));
        continue;
      }
      q.put(line.substring(0, tab).strip(), line.substring(tab + 1).strip());
    }
    Map<String, Map<String, Integer>> gains = new LinkedHashMap<>();
    lines = Files.readAllLines(qrels);
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isBlank()) {
        continue;
      }
      String[] f = line.strip().split("\\s+");
      try {
        if (f.length != 4) {
          throw new NumberFormatException();
        }
        gains.computeIfAbsent(f[0], x -> new LinkedHashMap<>()).put(f[2], Integer.parseInt(f[3]));
      } catch (NumberFormatException e) {
        problems.add(
            "%s:%d: expected 'qid 0 docid grade', got '%s'"
                .formatted(qrels.getFileName(), i + 1, line));
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("\n", problems));
    }
    return new Judged(q, gains);
  }
}

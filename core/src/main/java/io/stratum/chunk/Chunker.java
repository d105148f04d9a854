package io.stratum.chunk;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits Markdown at its headings, so each chunk keeps the path of headings above it; a section
 * longer than the limit is split again at paragraph, then sentence, boundaries. Headings inside
 * fenced code blocks are text, not structure.
 *
 * <pre>{@code
 * List<Chunk> chunks = new Chunker(1200).split("Key management", markdownBody);
 * chunks.get(0).heading(); // "Key management > Rotation"
 * }</pre>
 */
public final class Chunker {
  private final int maxChars;

  public Chunker(int maxChars) {
    if (maxChars < 200) {
      throw new IllegalArgumentException("maxChars must be at least 200, got " + maxChars);
    }
    this.maxChars = maxChars;
  }

  public List<Chunk> split(String title, String markdown) {
    List<Chunk> chunks = new ArrayList<>();
    List<String> path = new ArrayList<>();
    List<Integer> levels = new ArrayList<>();
    StringBuilder section = new StringBuilder();
    boolean inFence = false;
    for (String line : markdown.split("\n", -1)) {
      if (line.strip().startsWith("```") || line.strip().startsWith("~~~")) {
        inFence = !inFence;
      }
      int level = inFence ? 0 : headingLevel(line);
      if (level == 0) {
        section.append(line).append('\n');
        continue;
      }
      flush(title, path, section, chunks);
      while (!levels.isEmpty() && levels.get(levels.size() - 1) >= level) {
        levels.remove(levels.size() - 1);
        path.remove(path.size() - 1);
      }
      String heading = line.substring(level).strip();
      if (level == 1 && levels.isEmpty() && heading.equalsIgnoreCase(title)) {
        continue; // the document's own title heading: already the root of every path
      }
      levels.add(level);
      path.add(heading);
    }
    flush(title, path, section, chunks);
    return chunks;
  }

  private static int headingLevel(String line) {
    int level = 0;
    while (level < line.length() && level < 7 && line.charAt(level) == '#') {
      level++;
    }
    boolean heading =
        level >= 1 && level <= 6 && line.length() > level && line.charAt(level) == ' ';
    return heading ? level : 0;
  }

  private void flush(String title, List<String> path, StringBuilder section, List<Chunk> out) {
    String text = section.toString().strip();
    section.setLength(0);
    if (text.isEmpty()) {
      return;
    }
    List<String> headingPath = new ArrayList<>();
    headingPath.add(title);
    headingPath.addAll(path);
    for (String piece : pieces(text)) {
      out.add(new Chunk(out.size(), headingPath, piece));
    }
  }

  private List<String> pieces(String text) {
    List<String> pieces = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String unit : units(text)) {
      if (current.length() > 0 && current.length() + unit.length() + 2 > maxChars) {
        pieces.add(current.toString().strip());
        current.setLength(0);
      }
      current.append(unit).append("\n\n");
    }
    if (!current.toString().isBlank()) {
      pieces.add(current.toString().strip());
    }
    return pieces;
  }

  /** Paragraphs, with any paragraph over the limit broken into sentences or hard slices. */
  private List<String> units(String text) {
    List<String> units = new ArrayList<>();
    for (String paragraph : text.split("\n\\s*\n")) {
      if (paragraph.length() <= maxChars) {
        units.add(paragraph.strip());
        continue;
      }
      for (String sentence : paragraph.split("(?<=[.!?])\\s+")) {
        for (int i = 0; i < sentence.length(); i += maxChars) {
          units.add(sentence.substring(i, Math.min(sentence.length(), i + maxChars)).strip());
        }
      }
    }
    units.removeIf(String::isBlank);
    return units;
  }
}

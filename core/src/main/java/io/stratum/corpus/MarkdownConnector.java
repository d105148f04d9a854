package io.stratum.corpus;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads a directory of Markdown files with optional YAML front matter ({@code title}, {@code
 * status}, {@code supersedes}, {@code workspace}, anything else kept as metadata).
 *
 * <p>The workspace of a file is, in order: its front-matter {@code workspace}, the connector's
 * fixed workspace, or the first directory under the root ({@code root/security/adr.md} → {@code
 * security}).
 */
public final class MarkdownConnector implements Connector {
  private static final Pattern WORKSPACE_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private final Path root;
  private final Optional<String> workspace;

  private MarkdownConnector(Path root, Optional<String> workspace) {
    this.root = root.toAbsolutePath().normalize();
    this.workspace = workspace;
  }

  /** Every file goes to the workspace named by its first directory under {@code root}. */
  public static MarkdownConnector byDirectory(Path root) {
    return new MarkdownConnector(root, Optional.empty());
  }

  /** Every file goes to {@code workspace} unless its front matter names another. */
  public static MarkdownConnector into(Path root, String workspace) {
    requireWorkspaceId(workspace);
    return new MarkdownConnector(root, Optional.of(workspace));
  }

  /** Throws when {@code id} is not a valid workspace id, naming the value and the rule. */
  public static String requireWorkspaceId(String id) {
    if (id == null || !WORKSPACE_ID.matcher(id).matches()) {
      throw new IllegalArgumentException(
          "workspace: expected lower-case letters, digits and '-' (1 to 64, starting with a letter"
              + " or digit), got '"
              + id
              + "'");
    }
    return id;
  }

  @Override
  public String name() {
    return "markdown:" + root;
  }

  @Override
  public Scan scan() {
    if (!Files.isDirectory(root)) {
      throw new IllegalArgumentException("markdown source: not a directory: " + root);
    }
    List<SourceDocument> documents = new ArrayList<>();
    List<ScanProblem> problems = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.filter(MarkdownConnector::isMarkdown).sorted().toList()) {
        String relative = root.relativize(file).toString().replace('\\', '/');
        try {
          documents.add(read(file, relative));
        } catch (UnreadableDocument e) {
          problems.add(new ScanProblem(relative, e.getMessage()));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("markdown source: cannot list " + root, e);
    }
    return new Scan(documents, problems);
  }

  private static boolean isMarkdown(Path p) {
    String name = p.getFileName().toString().toLowerCase();
    return Files.isRegularFile(p) && (name.endsWith(".md") || name.endsWith(".markdown"));
  }

  private SourceDocument read(Path file, String relative) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UnreadableDocument("cannot read file: " + e.getMessage());
    }
    String text = decodeUtf8(bytes);
    Map<String, String> front = new LinkedHashMap<>();
    String body = text;
    if (text.startsWith("---\n") || text.startsWith("---\r\n")) {
      int end = text.indexOf("\n---", 3);
      if (end < 0) {
        throw new UnreadableDocument("front matter opened with '---' on line 1 is never closed");
      }
      front = parseFrontMatter(text.substring(text.indexOf('\n') + 1, end + 1));
      int bodyStart = text.indexOf('\n', end + 4);
      body = bodyStart < 0 ? "" : text.substring(bodyStart + 1);
    }
    String ws = front.remove("workspace");
    if (ws == null) {
      ws = workspace.orElseGet(() -> firstDirectory(relative));
    }
    try {
      requireWorkspaceId(ws);
    } catch (IllegalArgumentException e) {
      throw new UnreadableDocument(e.getMessage());
    }
    List<String> ids = new ArrayList<>();
    for (String key : List.of("control", "alert", "adr", "id")) {
      if (front.containsKey(key)) {
        ids.addAll(Identifiers.in(front.get(key)));
        if (key.equals("alert")) {
          ids.add(front.get(key).toLowerCase(Locale.ROOT));
        }
      }
    }
    if (!ids.isEmpty()) {
      front.put("identifiers", String.join(",", ids));
    }
    String title = front.remove("title");
    if (title == null || title.isBlank()) {
      title = firstHeading(body).orElse(file.getFileName().toString());
    }
    return new SourceDocument(
        ws + ":" + relative,
        ws,
        "markdown",
        relative,
        title.strip(),
        front.remove("status"),
        front.remove("supersedes"),
        body,
        sha256(bytes),
        front);
  }

  private static String firstDirectory(String relative) {
    int slash = relative.indexOf('/');
    if (slash < 0) {
      throw new UnreadableDocument(
          "no workspace: the file is not in a workspace directory and has no 'workspace' in its"
              + " front matter");
    }
    return relative.substring(0, slash);
  }

  private static Map<String, String> parseFrontMatter(String yaml) {
    JsonNode node;
    try {
      node = YAML.readTree(yaml);
    } catch (JsonProcessingException e) {
      String where =
          e.getLocation() == null ? "" : " at front-matter line " + e.getLocation().getLineNr();
      throw new UnreadableDocument(
          "front matter is not valid YAML" + where + ": " + e.getOriginalMessage());
    }
    Map<String, String> fields = new LinkedHashMap<>();
    if (node == null || node.isMissingNode() || node.isNull()) {
      return fields;
    }
    if (!node.isObject()) {
      throw new UnreadableDocument("front matter must be a YAML mapping of key: value lines");
    }
    node.properties()
        .forEach(
            e ->
                fields.put(
                    e.getKey().toLowerCase(),
                    e.getValue().isValueNode() ? e.getValue().asText() : e.getValue().toString()));
    return fields;
  }

  private static Optional<String> firstHeading(String body) {
    return body.lines()
        .filter(l -> l.startsWith("# "))
        .map(l -> l.substring(2).strip())
        .findFirst();
  }

  private static String decodeUtf8(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString()
          .replace("\r\n", "\n");
    } catch (CharacterCodingException e) {
      throw new UnreadableDocument("not valid UTF-8 text");
    }
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  private static final class UnreadableDocument extends RuntimeException {
    UnreadableDocument(String message) {
      super(message);
    }
  }
}

package io.stratum.providers.codemap;

import io.stratum.corpus.Connector;
import io.stratum.corpus.MarkdownConnector;
import io.stratum.corpus.Scan;
import io.stratum.corpus.ScanProblem;
import io.stratum.corpus.SourceDocument;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A code map of a source tree (Java, Python, TypeScript and Go, parsed with tree-sitter): one
 * document per file, one section per type and method with its signature, doc comment and {@code
 * path:line}, what it calls, what calls it and what implements it. Calls are resolved by name
 * across the tree, a deliberate approximation: no type resolution, so same-named methods share
 * their callers.
 */
public final class CodeMapConnector implements Connector {
  private final Path root;
  private final String workspace;

  private CodeMapConnector(Path root, String workspace) {
    this.root = root.toAbsolutePath().normalize();
    this.workspace = MarkdownConnector.requireWorkspaceId(workspace);
  }

  public static CodeMapConnector into(Path root, String workspace) {
    return new CodeMapConnector(root, workspace);
  }

  @Override
  public String name() {
    return "code:" + root;
  }

  @Override
  public Scan scan() {
    if (!Files.isDirectory(root)) {
      throw new IllegalArgumentException("code source: not a directory: " + root);
    }
    Map<String, List<Symbol>> byFile = new LinkedHashMap<>();
    Map<String, String> hashes = new HashMap<>();
    List<ScanProblem> problems = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
        String rel = root.relativize(f).toString().replace('\\', '/');
        SymbolReader.Language lang = SymbolReader.Language.of(rel);
        if (lang == null
            || rel.contains("/target/")
            || rel.contains("/node_modules/")
            || rel.startsWith(".")) {
          continue;
        }
        try {
          byte[] bytes = Files.readAllBytes(f);
          byFile.put(rel, SymbolReader.read(new String(bytes, StandardCharsets.UTF_8), rel, lang));
          hashes.put(rel, Integer.toHexString(Arrays.hashCode(bytes)));
        } catch (IOException | RuntimeException e) {
          problems.add(new ScanProblem(rel, "cannot parse: " + e.getMessage()));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("code source: cannot list " + root, e);
    }
    Graph graph = new Graph(byFile.values().stream().flatMap(List::stream).toList());
    List<SourceDocument> docs = new ArrayList<>();
    byFile.forEach(
        (rel, symbols) -> {
          if (!symbols.isEmpty()) {
            docs.add(document(rel, symbols, graph, hashes.get(rel)));
          }
        });
    return new Scan(docs, problems);
  }

  /** Callers and implementers, resolved by simple name across the whole tree. */
  private static final class Graph {
    final Map<String, Set<String>> callers = new HashMap<>();
    final Map<String, Set<String>> implementers = new HashMap<>();

    Graph(List<Symbol> all) {
      for (Symbol s : all) {
        s.callees()
            .forEach(
                c -> callers.computeIfAbsent(c, k -> new LinkedHashSet<>()).add(s.qualified()));
        s.supertypes()
            .forEach(
                t ->
                    implementers.computeIfAbsent(t, k -> new LinkedHashSet<>()).add(s.qualified()));
      }
    }
  }

  private SourceDocument document(String rel, List<Symbol> symbols, Graph graph, String hash) {
    StringBuilder body = new StringBuilder();
    Set<String> ids = new LinkedHashSet<>();
    for (Symbol s : symbols) {
      String level = s.owner().isEmpty() ? "##" : "###";
      body.append(level)
          .append(' ')
          .append(s.kind())
          .append(' ')
          .append(s.qualified())
          .append("\n\n");
      body.append('`').append(s.signature()).append("`\n\n");
      if (!s.doc().isEmpty()) {
        body.append(s.doc()).append("\n\n");
      }
      List<String> facts = new ArrayList<>();
      facts.add("Defined at " + rel + ":" + s.line() + ".");
      if (!s.supertypes().isEmpty()) {
        facts.add("Extends or implements: " + String.join(", ", s.supertypes()) + ".");
      }
      if (s.isType() && graph.implementers.containsKey(s.name())) {
        facts.add(
            "Implemented or extended by: "
                + String.join(", ", graph.implementers.get(s.name()))
                + ".");
      }
      if (!s.callees().isEmpty()) {
        facts.add("Calls: " + String.join(", ", s.callees()) + ".");
      }
      if (!s.isType() && graph.callers.containsKey(s.name())) {
        facts.add("Called by: " + String.join(", ", graph.callers.get(s.name())) + ".");
      }
      body.append(String.join(" ", facts)).append("\n\n");
      ids.add(s.qualified().toLowerCase(Locale.ROOT));
    }
    Map<String, String> meta = new LinkedHashMap<>();
    meta.put("language", SymbolReader.Language.of(rel).id);
    meta.put("symbols", String.valueOf(symbols.size()));
    meta.put("identifiers", String.join(",", ids));
    return new SourceDocument(
        workspace + ":code/" + rel,
        workspace,
        "code",
        rel,
        rel,
        "",
        "",
        body.toString(),
        hash,
        meta);
  }
}

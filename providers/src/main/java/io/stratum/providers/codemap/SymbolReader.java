package io.stratum.providers.codemap;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.treesitter.TSLanguage;
import org.treesitter.TSNode;
import org.treesitter.TSParser;
import org.treesitter.TreeSitterJava;
import org.treesitter.TreeSitterPython;

/**
 * Reads definitions from one source file with tree-sitter. Node offsets are UTF-8 byte offsets, so
 * text is sliced from the file's bytes, not from the Java string.
 */
final class SymbolReader {
  enum Language {
    JAVA,
    PYTHON;

    static Language of(String file) {
      return file.endsWith(".java") ? JAVA : file.endsWith(".py") ? PYTHON : null;
    }
  }

  private final byte[] src;
  private final String path;
  private final Language language;
  private final List<Symbol> out = new ArrayList<>();

  private SymbolReader(byte[] src, String path, Language language) {
    this.src = src;
    this.path = path;
    this.language = language;
  }

  static List<Symbol> read(String source, String path, Language language) {
    TSParser parser = new TSParser();
    TSLanguage grammar = language == Language.JAVA ? new TreeSitterJava() : new TreeSitterPython();
    parser.setLanguage(grammar);
    SymbolReader r = new SymbolReader(source.getBytes(StandardCharsets.UTF_8), path, language);
    r.walk(parser.parseString(null, source).getRootNode(), "");
    return r.out;
  }

  private String text(TSNode n) {
    return n == null || n.isNull()
        ? ""
        : new String(
            src, n.getStartByte(), n.getEndByte() - n.getStartByte(), StandardCharsets.UTF_8);
  }

  private void walk(TSNode n, String owner) {
    String type = n.getType();
    String name = text(n.getChildByFieldName("name"));
    switch (language) {
      case JAVA -> {
        switch (type) {
          case "class_declaration",
              "interface_declaration",
              "enum_declaration",
              "record_declaration" -> {
            out.add(
                symbol(
                    type.substring(0, type.indexOf('_')), n, name, owner, supertypes(n), Set.of()));
            children(n, name);
            return;
          }
          case "method_declaration", "constructor_declaration" -> {
            out.add(symbol("method", n, name, owner, List.of(), calls(n)));
            return;
          }
          default -> {}
        }
      }
      case PYTHON -> {
        switch (type) {
          case "class_definition" -> {
            out.add(symbol("class", n, name, owner, supertypes(n), Set.of()));
            children(n, name);
            return;
          }
          case "function_definition" -> {
            out.add(
                symbol(
                    owner.isEmpty() ? "function" : "method", n, name, owner, List.of(), calls(n)));
            return;
          }
          default -> {}
        }
      }
    }
    children(n, owner);
  }

  /** A definition at {@code n}, with the doc comment in this language's convention. */
  private Symbol symbol(
      String kind,
      TSNode n,
      String name,
      String owner,
      List<String> supertypes,
      Set<String> callees) {
    String doc = language == Language.JAVA ? javaDoc(n) : pyDoc(n);
    return new Symbol(kind, name, owner, header(n), doc, path, line(n), supertypes, callees);
  }

  private void children(TSNode n, String owner) {
    for (int i = 0; i < n.getNamedChildCount(); i++) {
      walk(n.getNamedChild(i), owner);
    }
  }

  /** The line of the definition's name (annotations and doc comments come before it). */
  private int line(TSNode n) {
    TSNode name = n.getChildByFieldName("name");
    return (name == null || name.isNull() ? n : name).getStartPoint().getRow() + 1;
  }

  /** The declaration up to its body: modifiers, name, parameters, return and supertypes. */
  private String header(TSNode n) {
    TSNode body = n.getChildByFieldName("body");
    int end = body == null || body.isNull() ? n.getEndByte() : body.getStartByte();
    String h = new String(src, n.getStartByte(), end - n.getStartByte(), StandardCharsets.UTF_8);
    return h.replaceAll("@\\w+(\\([^)]*\\))?\\s*", "")
        .replaceAll("\\s+", " ")
        .strip()
        .replaceAll(":$", "");
  }

  private String javaDoc(TSNode n) {
    TSNode prev = n.getPrevNamedSibling();
    if (prev == null || prev.isNull()) {
      return "";
    }
    String t = text(prev);
    if (!t.startsWith("/**")) {
      return "";
    }
    return t.replaceAll("^/\\*\\*|\\*/$", "")
        .replaceAll("(?m)^\\s*\\*\\s?", "")
        .replaceAll("\\{@\\w+\\s+([^}]*)}", "$1")
        .replaceAll("\\s+", " ")
        .strip();
  }

  private String pyDoc(TSNode n) {
    TSNode body = n.getChildByFieldName("body");
    if (body == null || body.isNull() || body.getNamedChildCount() == 0) {
      return "";
    }
    TSNode first = body.getNamedChild(0);
    if (first.getType().equals("expression_statement")
        && first.getNamedChildCount() > 0
        && first.getNamedChild(0).getType().equals("string")) {
      return text(first.getNamedChild(0))
          .replaceAll("^[rbuRBU]*(\"\"\"|'''|\"|')|(\"\"\"|'''|\"|')$", "")
          .replaceAll("\\s+", " ")
          .strip();
    }
    return "";
  }

  private List<String> supertypes(TSNode n) {
    Set<String> names = new LinkedHashSet<>();
    for (int i = 0; i < n.getNamedChildCount(); i++) {
      TSNode c = n.getNamedChild(i);
      String t = c.getType();
      if (t.equals("superclass")
          || t.equals("super_interfaces")
          || t.equals("extends_interfaces")
          || t.equals("argument_list")) {
        collect(c, names, language == Language.JAVA ? "type_identifier" : "identifier");
      }
    }
    return List.copyOf(names);
  }

  private void collect(TSNode n, Set<String> names, String type) {
    if (n.getType().equals(type)) {
      names.add(text(n));
    }
    for (int i = 0; i < n.getNamedChildCount(); i++) {
      collect(n.getNamedChild(i), names, type);
    }
  }

  private Set<String> calls(TSNode n) {
    Set<String> names = new LinkedHashSet<>();
    callees(n, names);
    return names;
  }

  private void callees(TSNode n, Set<String> names) {
    switch (n.getType()) {
      case "method_invocation" -> names.add(text(n.getChildByFieldName("name")));
      case "object_creation_expression" -> names.add(text(n.getChildByFieldName("type")));
      case "call" -> {
        TSNode f = n.getChildByFieldName("function");
        names.add(
            f.getType().equals("attribute") ? text(f.getChildByFieldName("attribute")) : text(f));
      }
      default -> {}
    }
    for (int i = 0; i < n.getNamedChildCount(); i++) {
      callees(n.getNamedChild(i), names);
    }
  }
}

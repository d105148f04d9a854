package io.stratum.providers.codemap;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.treesitter.TSLanguage;
import org.treesitter.TSNode;
import org.treesitter.TSParser;
import org.treesitter.TreeSitterGo;
import org.treesitter.TreeSitterJava;
import org.treesitter.TreeSitterPython;
import org.treesitter.TreeSitterTypescript;

/**
 * Reads definitions from one source file with tree-sitter. Node offsets are UTF-8 byte offsets, so
 * text is sliced from the file's bytes, not from the Java string.
 */
final class SymbolReader {
  enum Language {
    JAVA("java"),
    PYTHON("python"),
    TYPESCRIPT("typescript"),
    GO("go");

    final String id;

    Language(String id) {
      this.id = id;
    }

    static Language of(String file) {
      if (file.endsWith(".java")) {
        return JAVA;
      }
      if (file.endsWith(".py")) {
        return PYTHON;
      }
      if ((file.endsWith(".ts") || file.endsWith(".mts") || file.endsWith(".cts"))
          && !file.endsWith(".d.ts")) {
        return TYPESCRIPT;
      }
      return file.endsWith(".go") ? GO : null;
    }

    TSLanguage grammar() {
      return switch (this) {
        case JAVA -> new TreeSitterJava();
        case PYTHON -> new TreeSitterPython();
        case TYPESCRIPT -> new TreeSitterTypescript();
        case GO -> new TreeSitterGo();
      };
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
    parser.setLanguage(language.grammar());
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
      case TYPESCRIPT -> {
        switch (type) {
          case "class_declaration", "abstract_class_declaration", "interface_declaration" -> {
            String kind = type.equals("interface_declaration") ? "interface" : "class";
            out.add(symbol(kind, n, name, owner, supertypes(n), Set.of()));
            children(n, name);
            return;
          }
          case "enum_declaration", "type_alias_declaration" -> {
            out.add(
                symbol(
                    type.startsWith("enum") ? "enum" : "type",
                    n,
                    name,
                    owner,
                    List.of(),
                    Set.of()));
            return;
          }
          case "function_declaration", "method_definition", "abstract_method_signature" -> {
            String kind = owner.isEmpty() ? "function" : "method";
            out.add(symbol(kind, n, name, owner, List.of(), calls(n)));
            return;
          }
          case "variable_declarator" -> {
            TSNode value = n.getChildByFieldName("value");
            if (value != null
                && !value.isNull()
                && (value.getType().equals("arrow_function")
                    || value.getType().equals("function_expression"))) {
              out.add(symbol("function", n, name, owner, List.of(), calls(value)));
              return;
            }
          }
          default -> {}
        }
      }
      case GO -> {
        switch (type) {
          case "function_declaration" -> {
            out.add(symbol("function", n, name, owner, List.of(), calls(n)));
            return;
          }
          case "method_declaration" -> {
            Set<String> receiver = new LinkedHashSet<>();
            collect(n.getChildByFieldName("receiver"), receiver, Set.of("type_identifier"));
            String recv = receiver.isEmpty() ? "" : receiver.iterator().next();
            out.add(symbol("method", n, name, recv, List.of(), calls(n)));
            return;
          }
          case "type_spec" -> {
            TSNode t = n.getChildByFieldName("type");
            String kind =
                switch (t == null || t.isNull() ? "" : t.getType()) {
                  case "struct_type" -> "struct";
                  case "interface_type" -> "interface";
                  default -> "type";
                };
            out.add(symbol(kind, n, name, owner, List.of(), Set.of()));
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
    String doc =
        switch (language) {
          case JAVA, TYPESCRIPT -> javaDoc(declaration(n));
          case PYTHON -> pyDoc(n);
          case GO -> goDoc(declaration(n));
        };
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

  /**
   * The statement a doc comment sits above: {@code export class X} and {@code const f = () =>}
   * carry their comment before the export or the const, and Go's {@code type X struct} before the
   * {@code type} keyword.
   */
  private static TSNode declaration(TSNode n) {
    TSNode d = n;
    while (true) {
      TSNode parent = d.getParent();
      if (parent == null || parent.isNull()) {
        return d;
      }
      String t = parent.getType();
      if (!t.equals("export_statement")
          && !t.equals("lexical_declaration")
          && !t.equals("variable_declaration")
          && !t.equals("type_declaration")) {
        return d;
      }
      d = parent;
    }
  }

  /** The declaration up to its body: modifiers, name, parameters, return and supertypes. */
  private String header(TSNode n) {
    TSNode body = n.getChildByFieldName("body");
    if ((body == null || body.isNull()) && n.getType().equals("variable_declarator")) {
      body = n.getChildByFieldName("value").getChildByFieldName("body");
    }
    if (n.getType().equals("type_spec")) {
      body = null; // a Go struct's fields are its signature
    }
    int end = body == null || body.isNull() ? n.getEndByte() : body.getStartByte();
    String h = new String(src, n.getStartByte(), end - n.getStartByte(), StandardCharsets.UTF_8);
    return h.replaceAll("@\\w+(\\([^)]*\\))?\\s*", "")
        .replaceAll("\\s+", " ")
        .strip()
        .replaceAll("(:|=>|=)$", "")
        .strip();
  }

  /** Go doc comments: the {@code //} lines directly above the declaration. */
  private String goDoc(TSNode n) {
    List<String> lines = new ArrayList<>();
    int expectRow = n.getStartPoint().getRow() - 1;
    for (TSNode prev = n.getPrevNamedSibling();
        prev != null && !prev.isNull() && prev.getType().equals("comment");
        prev = prev.getPrevNamedSibling()) {
      if (prev.getEndPoint().getRow() != expectRow) {
        break;
      }
      lines.add(0, text(prev).replaceAll("^//\\s?|^/\\*|\\*/$", "").strip());
      expectRow = prev.getStartPoint().getRow() - 1;
    }
    return String.join(" ", lines).strip();
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
      switch (c.getType()) {
        case "superclass", "super_interfaces", "extends_interfaces" ->
            collect(c, names, Set.of("type_identifier"));
        case "argument_list" -> collect(c, names, Set.of("identifier"));
        case "class_heritage", "extends_type_clause" ->
            collect(c, names, Set.of("identifier", "type_identifier"));
        default -> {}
      }
    }
    return List.copyOf(names);
  }

  private void collect(TSNode n, Set<String> names, Set<String> types) {
    if (n == null || n.isNull()) {
      return;
    }
    if (types.contains(n.getType())) {
      names.add(text(n));
    }
    for (int i = 0; i < n.getNamedChildCount(); i++) {
      collect(n.getNamedChild(i), names, types);
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
      case "call", "call_expression" -> {
        TSNode f = n.getChildByFieldName("function");
        String callee =
            switch (f.getType()) {
              case "attribute" -> text(f.getChildByFieldName("attribute"));
              case "member_expression" -> text(f.getChildByFieldName("property"));
              case "selector_expression" -> text(f.getChildByFieldName("field"));
              case "identifier" -> text(f);
              default -> "";
            };
        if (!callee.isEmpty()) {
          names.add(callee);
        }
      }
      case "new_expression" -> names.add(text(n.getChildByFieldName("constructor")));
      default -> {}
    }
    for (int i = 0; i < n.getNamedChildCount(); i++) {
      callees(n.getNamedChild(i), names);
    }
  }
}

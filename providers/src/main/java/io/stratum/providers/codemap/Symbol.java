package io.stratum.providers.codemap;

import java.util.List;
import java.util.Set;

/**
 * A definition found in source: a type or a method/function.
 *
 * @param owner the enclosing type's name, or empty
 * @param supertypes what a type extends or implements (simple names)
 * @param callees names called from the body (simple names; resolved by name, not by type)
 */
record Symbol(
    String kind,
    String name,
    String owner,
    String signature,
    String doc,
    String path,
    int line,
    List<String> supertypes,
    Set<String> callees) {

  boolean isType() {
    return kind.equals("class")
        || kind.equals("interface")
        || kind.equals("enum")
        || kind.equals("record")
        || kind.equals("struct")
        || kind.equals("type");
  }

  String qualified() {
    return owner.isEmpty() ? name : owner + "." + name;
  }
}

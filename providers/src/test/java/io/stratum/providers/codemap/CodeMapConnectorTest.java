package io.stratum.providers.codemap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.stratum.corpus.Scan;
import io.stratum.corpus.SourceDocument;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CodeMapConnectorTest {
  @TempDir Path dir;

  private void write(String rel, String text) throws Exception {
    Path f = dir.resolve(rel);
    Files.createDirectories(f.getParent());
    Files.writeString(f, text);
  }

  private static SourceDocument file(Scan scan, String rel) {
    return scan.documents().stream().filter(d -> d.path().equals(rel)).findFirst().orElseThrow();
  }

  @Test
  void maps_java_definitions_with_signatures_docs_lines_callers_callees_and_implementers()
      throws Exception {
    write(
        "src/Greeter.java",
        """
        package demo;

        /** Says something to someone. */
        public interface Greeter {
          String greet(String name);
        }
        """);
    write(
        "src/Hello.java",
        """
        package demo;

        public class Hello implements Greeter {
          /** Greets politely, in English. */
          @Override
          public String greet(String name) {
            return format(name);
          }

          String format(String n) {
            return "Hello, " + n;
          }
        }
        """);
    write(
        "src/App.java",
        """
        package demo;

        class App {
          void run() {
            new Hello().greet("world");
          }
        }
        """);

    Scan scan = CodeMapConnector.into(dir, "code").scan();

    assertThat(scan.problems()).isEmpty();
    assertThat(scan.documents())
        .extracting(SourceDocument::path)
        .containsExactly("src/App.java", "src/Greeter.java", "src/Hello.java");
    String hello = file(scan, "src/Hello.java").body();
    assertThat(hello)
        .contains("## class Hello\n\n`public class Hello implements Greeter`")
        .contains("Defined at src/Hello.java:3. Extends or implements: Greeter.")
        .contains(
            "### method Hello.greet\n\n`public String greet(String name)`\n\nGreets politely, in English.")
        .contains("Defined at src/Hello.java:6. Calls: format. Called by: App.run.")
        .contains("### method Hello.format");
    String greeter = file(scan, "src/Greeter.java").body();
    assertThat(greeter)
        .contains("## interface Greeter")
        .contains("Says something to someone.")
        .contains("Implemented or extended by: Hello.");
    assertThat(file(scan, "src/App.java").body()).contains("Calls: greet, Hello.");
    assertThat(file(scan, "src/Hello.java").metadata())
        .containsEntry("language", "java")
        .containsEntry("identifiers", "hello,hello.greet,hello.format");
    assertThat(file(scan, "src/Hello.java").sourceKind()).isEqualTo("code");
  }

  @Test
  void maps_python_classes_functions_and_docstrings() throws Exception {
    write(
        "store.py",
        """
        class Store(Base):
            \"\"\"Keeps values on disk.\"\"\"

            def put(self, key):
                \"\"\"Writes one key.\"\"\"
                self._write(key)

            def _write(self, key):
                pass


        def main():
            Store().put(1)
        """);

    Scan scan = CodeMapConnector.into(dir, "code").scan();

    String body = file(scan, "store.py").body();
    assertThat(body)
        .contains("## class Store\n\n`class Store(Base)`\n\nKeeps values on disk.")
        .contains("### method Store.put\n\n`def put(self, key)`\n\nWrites one key.")
        .contains("Calls: _write. Called by: main.")
        .contains("## function main")
        .contains("Defined at store.py:12. Calls: put, Store.");
  }

  @Test
  void maps_typescript_classes_interfaces_functions_and_jsdoc() throws Exception {
    write(
        "web/store.ts",
        """
        /** Anything that keeps values. */
        export interface Store extends Closeable {
          put(key: string): void;
        }

        /** Keeps values in memory. */
        export class MemoryStore extends Base implements Store {
          /** Writes one key. */
          put(key: string): void {
            this.write(key);
          }

          private write(key: string) {}
        }

        /** Builds the default store. */
        export const makeStore = (size: number): Store => {
          return new MemoryStore(size);
        };

        export function main(): void {
          makeStore(1).put("k");
        }
        """);
    write("web/types.d.ts", "export interface Ignored {}\n");

    Scan scan = CodeMapConnector.into(dir, "code").scan();

    assertThat(scan.problems()).isEmpty();
    assertThat(scan.documents()).extracting(SourceDocument::path).containsExactly("web/store.ts");
    String body = file(scan, "web/store.ts").body();
    assertThat(body)
        .contains(
            "## interface Store\n\n`interface Store extends Closeable`\n\nAnything that keeps values.")
        .contains("Implemented or extended by: MemoryStore.")
        .contains(
            "## class MemoryStore\n\n`class MemoryStore extends Base implements Store`\n\nKeeps values in memory.")
        .contains("Extends or implements: Base, Store.")
        .contains("### method MemoryStore.put\n\n`put(key: string): void`\n\nWrites one key.")
        .contains("Defined at web/store.ts:9. Calls: write. Called by: main.")
        .contains(
            "## function makeStore\n\n`makeStore = (size: number): Store`\n\nBuilds the default store.")
        .contains("Calls: MemoryStore.")
        .contains("## function main")
        .contains("Calls: put, makeStore.");
    assertThat(file(scan, "web/store.ts").metadata()).containsEntry("language", "typescript");
  }

  @Test
  void maps_go_functions_methods_on_receivers_types_and_doc_comments() throws Exception {
    write(
        "pkg/store.go",
        """
        package store

        // Store keeps values.
        // It is safe for concurrent use.
        type Store struct {
        \tdata map[string]string
        }

        // Keeper is anything that keeps values.
        type Keeper interface {
        \tPut(key string)
        }

        // Put writes one key.
        func (s *Store) Put(key string) {
        \ts.write(key)
        }

        func (s *Store) write(key string) {}

        // New builds an empty store.
        func New() *Store {
        \ts := &Store{}
        \ts.Put("k")
        \treturn s
        }
        """);

    Scan scan = CodeMapConnector.into(dir, "code").scan();

    assertThat(scan.problems()).isEmpty();
    String body = file(scan, "pkg/store.go").body();
    assertThat(body)
        .contains("## struct Store\n\n`Store struct { data map[string]string }`")
        .contains("Store keeps values. It is safe for concurrent use.")
        .contains("## interface Keeper")
        .contains(
            "### method Store.Put\n\n`func (s *Store) Put(key string)`\n\nPut writes one key.")
        .contains("Defined at pkg/store.go:15. Calls: write. Called by: New.")
        .contains("### method Store.write")
        .contains("## function New\n\n`func New() *Store`\n\nNew builds an empty store.")
        .contains("Calls: Put.");
    assertThat(file(scan, "pkg/store.go").metadata())
        .containsEntry("language", "go")
        .containsEntry("identifiers", "store,keeper,store.put,store.write,new");
  }

  @Test
  void maps_this_projects_own_core_sources() {
    Path core = Path.of(System.getProperty("stratum.root", "../.."), "core/src/main/java");
    assumeTrue(Files.isDirectory(core), "core sources not found");

    Scan scan = CodeMapConnector.into(core, "code").scan();

    assertThat(scan.problems()).isEmpty();
    SourceDocument dispatcher = file(scan, "io/stratum/dispatch/Dispatcher.java");
    assertThat(dispatcher.body())
        .contains("### method Dispatcher.client")
        .contains("Defined at io/stratum/dispatch/Dispatcher.java:");
    assertThat(file(scan, "io/stratum/dispatch/ModelClient.java").body())
        .contains("## interface ModelClient");
    assertThat(file(scan, "io/stratum/dispatch/Planner.java").body())
        .contains("### method Planner.plan")
        .contains("Called by:");
  }
}

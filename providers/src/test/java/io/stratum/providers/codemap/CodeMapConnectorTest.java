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

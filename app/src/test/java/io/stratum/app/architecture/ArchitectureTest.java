package io.stratum.app.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.equivalentTo;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import io.stratum.access.AccessPolicy;
import io.stratum.access.Accounts;
import io.stratum.budget.Budgets;
import io.stratum.budget.Ledger;
import io.stratum.store.ConversationStore;
import io.stratum.store.Database;
import io.stratum.store.DocumentStore;
import io.stratum.store.WorkspaceStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The walls of the house, checked on the compiled classes so a reviewer can repeat them: {@code
 * ./mvnw -pl app -am test -Dtest=ArchitectureTest -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class ArchitectureTest {
  private static final JavaClasses APP =
      new ClassFileImporter().importPath(Path.of("target/classes"));
  private static final JavaClasses CORE =
      new ClassFileImporter().importPath(Path.of("../core/target/classes"));

  @Test
  void no_import_cycle_between_the_packages_of_app() {
    slices()
        .assignedFrom(
            new SliceAssignment() {
              @Override
              public SliceIdentifier getIdentifierOf(JavaClass c) {
                return c.getPackageName().startsWith("io.stratum.app")
                    ? SliceIdentifier.of(c.getPackageName())
                    : SliceIdentifier.ignore();
              }

              @Override
              public String getDescription() {
                return "each package of app";
              }
            })
        .should()
        .beFreeOfCycles()
        .check(APP);
  }

  @Test
  void core_imports_no_vendor_sdk_server_or_adapter() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "software.amazon..",
            "io.javalin..",
            "org.eclipse.jetty..",
            "jakarta.servlet..",
            "io.modelcontextprotocol..",
            "ai.djl..",
            "ai.onnxruntime..",
            "com.openai..",
            "org.opensearch..",
            "org.apache.hc..",
            "io.stratum.providers..",
            "io.stratum.app..")
        .check(CORE);
  }

  @Test
  void config_imports_no_provider() {
    noClasses()
        .that()
        .resideInAPackage("io.stratum.app.config..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.stratum.providers..")
        .check(APP);
  }

  @Test
  void http_and_mcp_share_the_api_package_and_mcp_never_reaches_into_http() {
    noClasses()
        .that()
        .resideInAPackage("io.stratum.app.mcp..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.stratum.app.http..")
        .check(APP);
  }

  @Test
  void only_the_guard_asks_the_access_policy() {
    noClasses()
        .that()
        .doNotHaveFullyQualifiedName("io.stratum.app.usecase.Guard")
        .should()
        .accessClassesThat()
        .belongToAnyOf(AccessPolicy.class)
        .check(APP);
  }

  @Test
  void adapters_reach_state_only_through_the_use_cases() {
    noClasses()
        .that()
        .resideInAnyPackage(
            "io.stratum.app.http..",
            "io.stratum.app.mcp..",
            "io.stratum.app.api..",
            "io.stratum.app.cli..")
        .should()
        .dependOnClassesThat(
            // the classes themselves; their value records (a source summary) are the API's to show
            equivalentTo(AccessPolicy.class)
                .or(equivalentTo(Accounts.class))
                .or(equivalentTo(Ledger.class))
                .or(equivalentTo(Budgets.class))
                .or(equivalentTo(Database.class))
                .or(equivalentTo(WorkspaceStore.class))
                .or(equivalentTo(DocumentStore.class))
                .or(equivalentTo(ConversationStore.class)))
        .check(APP);
  }

  @Test
  void the_largest_class_in_app_is_under_300_lines() throws IOException {
    Map.Entry<Path, Long> largest;
    try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
      List<Map.Entry<Path, Long>> sizes =
          files
              .filter(p -> p.toString().endsWith(".java"))
              .map(p -> Map.entry(p, lines(p)))
              .sorted(Map.Entry.<Path, Long>comparingByValue(Comparator.reverseOrder()))
              .toList();
      largest = sizes.get(0);
    }
    assertThat(largest.getValue()).as("lines of %s", largest.getKey()).isLessThan(300);
  }

  private static long lines(Path file) {
    try (Stream<String> lines = Files.lines(file)) {
      return lines.count();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

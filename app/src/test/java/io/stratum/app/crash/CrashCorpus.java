package io.stratum.app.crash;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The crash suite's corpus: eight short documents in two workspaces, the questions they answer
 * (each question shares most of its content terms with one sentence, so the relevance gate lets it
 * through and a model is called), and the edits an ingest round makes so the killed ingest has
 * work.
 */
final class CrashCorpus {
  static final List<String> WORKSPACES = List.of("vault", "ledger");

  static final Map<String, List<String>> QUESTIONS =
      Map.of(
          "vault",
          List.of(
              "How often are customer master keys rotated automatically?",
              "When do operator sessions expire after inactivity?",
              "Where are application secrets stored?",
              "How long do retired master keys stay available for decryption?",
              "What do administrative consoles require for sign-in?",
              "How quickly does the on-call engineer revoke a leaked credential?"),
          "ledger",
          List.of(
              "When does the ledger database fail over to the standby region?",
              "When are card settlement files sent to the acquiring bank?",
              "How often are ledger balances reconciled against bank statements?",
              "How long are ledger entries retained?",
              "How are ledger corrections posted?",
              "What happens when a settlement file is missing?"));

  private static final List<Doc> DOCS =
      List.of(
          new Doc(
              "vault",
              "key-rotation.md",
              "Key rotation",
              "Customer master keys are rotated automatically every 365 days by the key service."
                  + " Data keys are generated per tenant and wrapped by the customer master key."
                  + " Retired master keys stay available for decryption for seven years."),
          new Doc(
              "vault",
              "sessions.md",
              "Operator sessions",
              "Operator sessions expire after fifteen minutes of inactivity. Administrative"
                  + " consoles require hardware security keys for sign-in."),
          new Doc(
              "vault",
              "secrets.md",
              "Application secrets",
              "Application secrets are stored in the secrets vault, never in source repositories."
                  + " Secrets are fetched at startup and cached in memory for one hour."),
          new Doc(
              "vault",
              "leaked-credentials.md",
              "Leaked credentials",
              "When a credential leaks, the on-call engineer revokes the leaked credential within"
                  + " thirty minutes and opens a security incident."),
          new Doc(
              "ledger",
              "failover.md",
              "Ledger failover",
              "The ledger database fails over to the standby region when the primary region is"
                  + " unreachable for two minutes. The on-call engineer confirms that replication"
                  + " lag is below five seconds first."),
          new Doc(
              "ledger",
              "settlement.md",
              "Card settlement",
              "Card settlement files are sent to the acquiring bank every night at two o'clock"
                  + " UTC. When a settlement file is missing, the payments on-call is paged."),
          new Doc(
              "ledger",
              "reconciliation.md",
              "Reconciliation",
              "Ledger balances are reconciled against bank statements every morning. Differences"
                  + " above one hundred euros open a reconciliation ticket."),
          new Doc(
              "ledger",
              "retention.md",
              "Ledger retention",
              "Ledger entries are retained for ten years and are never deleted. Ledger corrections"
                  + " are posted as reversing entries."));

  // Words with no bearing on any question, so bulk documents add embedding work for a killed
  // ingest without changing which passages answer the questions.
  private static final String[] FILLER = {
    "harbor", "lantern", "meadow", "copper", "violet", "orchard", "granite", "willow", "ember",
    "summit", "canyon", "thistle", "pebble", "falcon", "juniper", "cobalt", "marble", "saffron",
    "tundra", "beacon", "quarry", "heron", "cedar", "glacier"
  };

  record Doc(String workspace, String file, String title, String body) {}

  /** What an ingest round changed, and the words that find the edited document's new text. */
  record Edit(String workspace, String file, String query, List<String> changes) {
    String documentPath() {
      return workspace + "/" + file;
    }
  }

  private final Path root;
  private final List<Path> bulk = new ArrayList<>();

  CrashCorpus(Path root) {
    this.root = root;
  }

  Path root() {
    return root;
  }

  /** Writes the eight documents, each under its workspace's directory. */
  void write() throws IOException {
    for (Doc d : DOCS) {
      Path f = root.resolve(d.workspace()).resolve(d.file());
      Files.createDirectories(f.getParent());
      Files.writeString(
          f, "---\ntitle: " + d.title() + "\n---\n# " + d.title() + "\n\n" + d.body() + "\n");
    }
  }

  /**
   * Appends a section with two made-up words to two documents, adds three bulk documents and
   * removes an earlier bulk document, so the next ingest has embedding work to be killed in.
   */
  Edit edit(int round, Random random) throws IOException {
    List<String> changes = new ArrayList<>();
    Doc last = null;
    String query = null;
    List<Doc> candidates = new ArrayList<>(DOCS);
    for (int i = 0; i < 2; i++) {
      Doc d = candidates.remove(random.nextInt(candidates.size()));
      // Words no other chunk has, so the edited chunk is the only lexical match for them.
      query = "kestrelwand%dx%d quillfeather%dx%d".formatted(round, i, round, i);
      Files.writeString(
          root.resolve(d.workspace()).resolve(d.file()),
          "\n## Update from round %d\n\nThe %s checklist now applies to this procedure.\n"
              .formatted(round, query),
          StandardOpenOption.APPEND);
      changes.add("changed " + d.workspace() + "/" + d.file());
      last = d;
    }
    if (!bulk.isEmpty()) {
      Path gone = bulk.remove(random.nextInt(bulk.size()));
      Files.delete(gone);
      changes.add("removed " + root.relativize(gone));
    }
    for (int i = 0; i < 3; i++) {
      String ws = WORKSPACES.get(random.nextInt(WORKSPACES.size()));
      Path f = root.resolve(ws).resolve("bulk-r%d-%d.md".formatted(round, i));
      Files.writeString(f, bulkDocument(round, i, random));
      bulk.add(f);
      changes.add("added " + root.relativize(f));
    }
    return new Edit(last.workspace(), last.file(), query, List.copyOf(changes));
  }

  /** Eight sections of filler, each its own chunk: about a second and a half of embedding. */
  private static String bulkDocument(int round, int n, Random random) {
    StringBuilder b = new StringBuilder();
    b.append("---\ntitle: Field notes ").append(round).append('-').append(n).append("\n---\n");
    b.append("# Field notes ").append(round).append('-').append(n).append("\n\n");
    for (int s = 0; s < 8; s++) {
      b.append("## Notes ").append(s + 1).append("\n\n");
      for (int sentence = 0; sentence < 12; sentence++) {
        for (int w = 0; w < 10; w++) {
          b.append(w == 0 ? "The " : " ").append(FILLER[random.nextInt(FILLER.length)]);
        }
        b.append(". ");
      }
      b.append("\n\n");
    }
    return b.toString();
  }
}

package io.stratum.app.cli;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The exit codes of {@code stratum}, in one place: the commands return them, and the top-level help
 * and the CLI reference page list them from here.
 */
enum ExitCode {
  OK(0, "ok"),
  FAILURE(
      1, "unexpected failure, with its stack trace on stderr; for models check, a check failed"),
  BAD_INPUT(
      2,
      "bad input or configuration, named on stderr with its value (an unknown option or a missing"
          + " subcommand also prints the usage)"),
  FILES_SKIPPED(3, "ingest finished but skipped some files, each listed on stderr with its reason"),
  REFUSED(4, "ask refused: the workspace has nothing on the question"),
  AUDIT_BROKEN(5, "audit verify found a break in the hash chain or a bad signature"),
  EXPORT_FAILED(6, "audit export: a sink did not take its records"),
  AUDIT_GAP(7, "audit verify: the chain is intact but names records lost in a crash (audit.gap)"),
  INGEST_FAILED(
      8,
      "ingest: a job failed on every attempt, or retrying could not help; its last error is on"
          + " stderr");

  final int code;
  final String meaning;

  ExitCode(int code, String meaning) {
    this.code = code;
    this.meaning = meaning;
  }

  /** Code to meaning, in order, as picocli's exit code list takes it. */
  static Map<String, String> list() {
    Map<String, String> list = new LinkedHashMap<>();
    for (ExitCode c : values()) {
      list.put(String.valueOf(c.code), c.meaning + ".");
    }
    return list;
  }
}

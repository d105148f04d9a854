package io.stratum.corpus;

/** A file a connector could not read; the scan goes on without it. */
public record ScanProblem(String path, String reason) {
  @Override
  public String toString() {
    return path + ": " + reason;
  }
}

package io.stratum.app.crash;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Child JVMs running {@code io.stratum.app.cli.Main}: the servers and commands the crash suite
 * kills and the multi-node suites run side by side. Output goes to files (a pipe nobody drains
 * would block the child), and every child started is killed by {@link #killAll()} so none outlives
 * the test.
 */
public final class Children implements AutoCloseable {
  static final Pattern SERVING = Pattern.compile("Stratum is serving on http://localhost:(\\d+)");

  // C1 only and the serial collector: each child lives a few seconds, and startup, not peak
  // speed, decides how long a round takes (about a third less per child on two cores).
  private static final List<String> JVM_FLAGS =
      List.of(
          "-XX:TieredStopAtLevel=1",
          "-XX:+UseSerialGC",
          "-Xmx1g",
          "--enable-native-access=ALL-UNNAMED",
          "--add-modules",
          "jdk.incubator.vector");

  private final Path logs;
  private final Map<String, String> env;
  private final List<Process> started = new CopyOnWriteArrayList<>();

  /**
   * @param logs where each child's stdout and stderr go, as NAME.out and NAME.err
   * @param env added to the inherited environment of every child
   */
  public Children(Path logs, Map<String, String> env) throws IOException {
    this.logs = Files.createDirectories(logs);
    this.env = Map.copyOf(env);
  }

  /** A finished command: its exit code and what it printed. */
  public record Outcome(int exit, String out, String err) {
    /** stdout and stderr without the JVM's and Lucene's startup warnings. */
    public String text() {
      return (out + "\n" + err)
          .lines()
          .filter(l -> !l.isBlank() && !noise(l))
          .reduce((a, b) -> a + "\n" + b)
          .orElse("");
    }
  }

  /** Starts {@code stratum ARGS}; stdout and stderr go to NAME.out and NAME.err. */
  public Process spawn(String name, String... args) throws IOException {
    return spawn(name, Map.of(), args);
  }

  /**
   * As {@link #spawn(String, String...)}, with {@code extraEnv} added to this child's environment.
   */
  public Process spawn(String name, Map<String, String> extraEnv, String... args)
      throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(JVM_FLAGS);
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add("io.stratum.app.cli.Main");
    cmd.addAll(List.of(args));
    ProcessBuilder pb =
        new ProcessBuilder(cmd)
            .redirectInput(ProcessBuilder.Redirect.from(nullDevice()))
            .redirectOutput(out(name).toFile())
            .redirectError(err(name).toFile());
    pb.environment().putAll(env);
    pb.environment().putAll(extraEnv);
    Process p = pb.start();
    started.add(p);
    return p;
  }

  /**
   * Runs {@code stratum ARGS} to its end; a child still running after {@code timeout} is killed.
   */
  public Outcome run(Duration timeout, String name, String... args)
      throws IOException, InterruptedException {
    Process p = spawn(name, args);
    if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      kill(p);
      throw new IllegalStateException(
          "stratum "
              + String.join(" ", args)
              + " did not finish within "
              + timeout.toSeconds()
              + " s; stderr: "
              + tail(read(err(name)), 20));
    }
    return new Outcome(p.exitValue(), read(out(name)), read(err(name)));
  }

  /**
   * Waits for {@code stratum serve} to print its address; empty when it exited or stayed silent for
   * {@code timeout}.
   */
  public OptionalInt port(Process serve, String name, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      Matcher m = SERVING.matcher(read(out(name)));
      if (m.find()) {
        return OptionalInt.of(Integer.parseInt(m.group(1)));
      }
      if (!serve.isAlive()) {
        return OptionalInt.empty();
      }
      Thread.sleep(25);
    }
    return OptionalInt.empty();
  }

  /** Polls {@code condition} until it holds, the child exits or {@code timeout} passes. */
  public static boolean await(Process p, BooleanSupplier condition, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline && p.isAlive()) {
      if (condition.getAsBoolean()) {
        return true;
      }
      Thread.sleep(5);
    }
    return condition.getAsBoolean();
  }

  /** SIGKILL: no shutdown hook runs, nothing is flushed or closed. */
  public static void kill(Process p) throws InterruptedException {
    p.destroyForcibly();
    if (!p.waitFor(30, TimeUnit.SECONDS)) {
      throw new IllegalStateException("child " + p.pid() + " survived SIGKILL for 30 s");
    }
  }

  public Path out(String name) {
    return logs.resolve(name + ".out");
  }

  public Path err(String name) {
    return logs.resolve(name + ".err");
  }

  public static String read(Path f) {
    try {
      return Files.exists(f) ? Files.readString(f, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The lines of a log that say something broke: an exception, or the word corrupt. */
  static List<String> alarming(String log) {
    return log.lines()
        .filter(
            l -> {
              String s = l.toLowerCase(Locale.ROOT);
              return s.contains("corrupt") || s.contains("exception");
            })
        .toList();
  }

  /** The JVM's and Lucene's startup warnings, which every child prints. */
  private static boolean noise(String line) {
    return line.startsWith("WARNING:")
        || line.contains("org.apache.lucene.internal.vectorization")
        || line.contains("VectorizationProvider");
  }

  public static String tail(String text, int lines) {
    List<String> all = text.lines().filter(l -> !noise(l)).toList();
    return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
  }

  private static File nullDevice() {
    return new File(
        System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("win")
            ? "NUL"
            : "/dev/null");
  }

  /** Kills every child still running. */
  public void killAll() {
    for (Process p : started) {
      if (p.isAlive()) {
        p.destroyForcibly();
        try {
          p.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }

  @Override
  public void close() {
    killAll();
  }
}

package io.stratum.app.crash;

import com.fasterxml.jackson.databind.JsonNode;
import io.stratum.simulator.BedrockSimulator;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One round's load on a running server: three clients asking one-shot questions, two chatting in
 * conversations, two making admin writes, and a saboteur that makes the model go silent so calls
 * are in flight when the server is killed. Each client records what the server acknowledged in
 * {@link Acks}, and runs until {@link #stop()}, or until the kill breaks its connection.
 */
final class Traffic {
  /** A principal the clients act as, with its token. */
  record Member(String id, String token) {}

  private final CrashApi api;
  private final BedrockSimulator sim;
  private final Acks acks;
  private final int round;
  private final String adminToken;
  private final List<Member> members;
  private final String nonce;
  private final long durationMillis;
  private final Random seeds;
  private final List<Thread> threads = new ArrayList<>();
  private final AtomicInteger streamsOpen = new AtomicInteger();
  private final AtomicInteger silenced = new AtomicInteger();
  private final AtomicInteger failures = new AtomicInteger();
  private static final AtomicInteger BUDGETS = new AtomicInteger();
  private volatile boolean stopped;

  Traffic(
      CrashApi api,
      BedrockSimulator sim,
      Acks acks,
      int round,
      String adminToken,
      List<Member> members,
      String nonce,
      long durationMillis,
      Random seeds) {
    this.api = api;
    this.sim = sim;
    this.acks = acks;
    this.round = round;
    this.adminToken = adminToken;
    this.members = List.copyOf(members);
    this.nonce = nonce;
    this.durationMillis = durationMillis;
    this.seeds = seeds;
  }

  void start() {
    for (int i = 0; i < 3; i++) {
      Random r = new Random(seeds.nextLong());
      launch("asker-" + i, () -> ask(r));
    }
    for (int i = 0; i < 2; i++) {
      Random r = new Random(seeds.nextLong());
      launch("chatter-" + i, () -> chat(r));
    }
    for (int i = 0; i < 2; i++) {
      Random r = new Random(seeds.nextLong());
      String budgetWorkspace = CrashCorpus.WORKSPACES.get(i);
      int n = i;
      launch("admin-" + i, () -> administer(r, n, budgetWorkspace));
    }
    Random r = new Random(seeds.nextLong());
    launch("saboteur", () -> silence(r));
  }

  /** Streams open right now: each one a model call the kill may cut. */
  int streamsOpen() {
    return streamsOpen.get();
  }

  int silenced() {
    return silenced.get();
  }

  /** Requests that failed while the server was up (non-2xx): a sign the harness is wrong. */
  int failures() {
    return failures.get();
  }

  void stop() {
    stopped = true;
  }

  /** Waits for every client to notice the kill; false if one is still stuck after the timeout. */
  boolean join(long timeoutMillis) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    for (Thread t : threads) {
      t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
    }
    return threads.stream().noneMatch(Thread::isAlive);
  }

  private interface Client {
    void run() throws Exception;
  }

  private void launch(String name, Client c) {
    Thread t =
        new Thread(
            () -> {
              try {
                c.run();
              } catch (IOException e) {
                // the kill broke the connection: expected, and why the client stops
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              } catch (Exception e) {
                failures.incrementAndGet();
                System.out.println("crash suite: client " + name + " failed: " + e);
              }
            },
            "crash-r" + round + "-" + name);
    t.setDaemon(true);
    threads.add(t);
    t.start();
  }

  private void ask(Random r) throws Exception {
    while (!stopped) {
      Member m = members.get(r.nextInt(members.size()));
      String ws = pick(r, CrashCorpus.WORKSPACES);
      String q = pick(r, CrashCorpus.QUESTIONS.get(ws));
      CrashApi.Streamed s =
          streamed(m.token(), "/api/workspaces/" + ws + "/ask", Map.of("question", q));
      JsonNode done = s.done();
      if (done != null) {
        acks.add(
            new Acks.Answer(
                round,
                "ask in " + ws,
                m.id(),
                done.get("conversationId").asText(),
                q,
                done.get("refused").asBoolean()));
      } else if (!stopped) {
        failed("ask", s);
      }
      Thread.sleep(r.nextInt(30));
    }
  }

  private void chat(Random r) throws Exception {
    while (!stopped) {
      Member m = members.get(r.nextInt(members.size()));
      List<String> scope =
          switch (r.nextInt(3)) {
            case 0 -> List.of("vault");
            case 1 -> List.of("ledger");
            default -> List.of("ledger", "vault");
          };
      CrashApi.Reply created =
          api.call(
              "POST",
              m.token(),
              "/api/conversations",
              Map.of("workspaces", scope, "title", "crash round " + round));
      if (created.status() != 201) {
        if (!stopped) {
          failures.incrementAndGet();
          System.out.println(
              "crash suite: starting a conversation answered "
                  + created.status()
                  + ": "
                  + created.body());
        }
        Thread.sleep(50);
        continue;
      }
      String id = created.json().get("id").asText();
      acks.add(new Acks.Started(round, m.id(), id));
      int turns = 1 + r.nextInt(4);
      for (int t = 0; t < turns && !stopped; t++) {
        String q = pick(r, CrashCorpus.QUESTIONS.get(pick(r, scope)));
        CrashApi.Streamed s =
            streamed(m.token(), "/api/conversations/" + id + "/messages", Map.of("content", q));
        if (s.done() != null) {
          acks.add(
              new Acks.Answer(
                  round,
                  "chat turn " + (t + 1),
                  m.id(),
                  s.done().get("conversationId").asText(),
                  q,
                  s.done().get("refused").asBoolean()));
        } else if (!stopped) {
          failed("chat turn", s);
        }
      }
      Thread.sleep(r.nextInt(30));
    }
  }

  /**
   * Creates a principal, issues it a token, makes it a viewer of a workspace and sets a budget,
   * over and over. Budgets of one workspace come from one client only, so their order is known.
   */
  private void administer(Random r, int client, String budgetWorkspace) throws Exception {
    for (int n = 0; !stopped; n++) {
      String id = "crash-%s-r%d-%d-%d".formatted(nonce, round, client, n);
      CrashApi.Reply p =
          api.call("POST", adminToken, "/api/principals", Map.of("id", id, "name", "Crash " + n));
      if (p.status() != 201) {
        failedAdmin("creating principal " + id, p);
        continue;
      }
      acks.add(new Acks.Principal(round, id));
      CrashApi.Reply t =
          api.call(
              "POST",
              adminToken,
              "/api/tokens",
              Map.of("principal", id, "name", "crash", "expiresInDays", 30));
      if (t.status() != 201) {
        failedAdmin("issuing a token to " + id, t);
        continue;
      }
      acks.add(
          new Acks.Token(round, id, t.json().get("id").asText(), t.json().get("token").asText()));
      String ws = pick(r, CrashCorpus.WORKSPACES);
      CrashApi.Reply g =
          api.call(
              "PUT",
              adminToken,
              "/api/workspaces/" + ws + "/members/" + id,
              Map.of("role", "viewer"));
      if (g.status() != 200) {
        failedAdmin("granting " + id + " in " + ws, g);
        continue;
      }
      acks.add(new Acks.Grant(round, id, ws, "viewer"));
      // Caps far above anything the suite spends, and no hard cap: a budget must never refuse.
      BigDecimal cap = BigDecimal.valueOf(100_000L + BUDGETS.incrementAndGet());
      acks.budget(budgetWorkspace).sent(cap);
      CrashApi.Reply b =
          api.call(
              "PUT",
              adminToken,
              "/api/workspaces/" + budgetWorkspace + "/budget",
              Map.of("monthlyCapUsd", cap, "hardCap", false));
      if (b.status() != 200) {
        failedAdmin("setting the budget of " + budgetWorkspace, b);
        continue;
      }
      acks.budgetAcknowledged(round, budgetWorkspace, cap);
      Thread.sleep(20 + r.nextInt(100));
    }
  }

  /**
   * Twice in the round, makes the model go silent for 6 to 10 s (longer than any round's traffic)
   * for the next call or two: those calls are then in flight when the server is killed. At most
   * three calls a round, so two of the five streaming clients keep going and use up what was armed;
   * a fault left armed would silence the next round's first answer.
   */
  private void silence(Random r) throws InterruptedException {
    long[] at = {
      r.nextLong(durationMillis / 2),
      durationMillis / 2 + r.nextLong(Math.max(1, durationMillis / 2 - 400))
    };
    int[] times = {1 + r.nextInt(2), 1};
    long start = System.nanoTime();
    for (int i = 0; i < at.length; i++) {
      while (!stopped && TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) < at[i]) {
        Thread.sleep(10);
      }
      if (stopped) {
        return;
      }
      sim.arm("silence=" + (6000 + r.nextInt(4000)), times[i]);
      silenced.addAndGet(times[i]);
    }
  }

  private CrashApi.Streamed streamed(String token, String path, Object body) throws Exception {
    streamsOpen.incrementAndGet();
    try {
      return api.stream(token, path, body);
    } finally {
      streamsOpen.decrementAndGet();
    }
  }

  private void failed(String what, CrashApi.Streamed s) {
    failures.incrementAndGet();
    System.out.println(
        "crash suite: " + what + " got no done event: " + s.status() + " " + s.problem());
  }

  private void failedAdmin(String what, CrashApi.Reply r) throws InterruptedException {
    if (!stopped) {
      failures.incrementAndGet();
      System.out.println("crash suite: " + what + " answered " + r.status() + ": " + r.body());
    }
    Thread.sleep(50);
  }

  private static <T> T pick(Random r, List<T> from) {
    return from.get(r.nextInt(from.size()));
  }
}

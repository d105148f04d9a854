package io.stratum.app.crash;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The checks after a restart, all through the HTTP API as the org admin: acknowledged answers are
 * in their conversations and in the audit trail, usage rows cover them, and admin writes are still
 * in force.
 */
final class Checks {
  /** The audit trail's {@code chat.answer} records as the checks need them. */
  record Trail(Map<String, Integer> answersByConversation, int interrupted, long lastSeq) {}

  private final CrashApi api;
  private final String admin;
  private final Findings findings;
  private final String label;

  /**
   * @param label names the restart in messages ("after round 3")
   */
  Checks(CrashApi api, String adminToken, Findings findings, String label) {
    this.api = api;
    this.admin = adminToken;
    this.findings = findings;
    this.label = label;
  }

  /**
   * Pages through every {@code chat.answer} record. Answers that completed count per conversation;
   * {@code interrupted} ones (calls the engine billed after a crash cut them) only after {@code
   * afterSeq}, so records from before this run are not counted.
   */
  Trail trail(long afterSeq) throws IOException, InterruptedException {
    Map<String, Integer> byConversation = new HashMap<>();
    int interrupted = 0;
    long last = 0;
    String cursor = "0";
    while (cursor != null) {
      CrashApi.Reply r =
          api.get(admin, "/api/audit?action=chat.answer&limit=1000&cursor=" + cursor);
      if (r.status() != 200) {
        findings.corruption(label + ": GET /api/audit answered " + r.status() + ": " + r.body());
        break;
      }
      JsonNode page = r.json();
      for (JsonNode rec : page.get("records")) {
        long seq = rec.get("seq").asLong();
        last = Math.max(last, seq);
        String outcome = rec.get("outcome").asText();
        JsonNode conversation = rec.path("metadata").path("conversationId");
        if ((outcome.equals("success") || outcome.equals("refused")) && conversation.isTextual()) {
          byConversation.merge(conversation.asText(), 1, Integer::sum);
        } else if (outcome.equals("interrupted") && seq > afterSeq) {
          interrupted++;
        }
      }
      cursor = page.path("nextCursor").isNull() ? null : page.path("nextCursor").asText(null);
    }
    return new Trail(byConversation, interrupted, last);
  }

  /**
   * Each acknowledged answer is a user message followed by an answer in its conversation, with a
   * {@code chat.answer} audit record naming the conversation; each started conversation exists.
   */
  void answers(List<Acks.Answer> answers, List<Acks.Started> started, Trail trail)
      throws IOException, InterruptedException {
    Map<String, List<Acks.Answer>> byConversation = new LinkedHashMap<>();
    for (Acks.Answer a : answers) {
      byConversation.computeIfAbsent(a.conversationId(), k -> new ArrayList<>()).add(a);
    }
    Map<String, List<Acks.Started>> starts = new LinkedHashMap<>();
    for (Acks.Started s : started) {
      starts.computeIfAbsent(s.id(), k -> new ArrayList<>()).add(s);
      byConversation.computeIfAbsent(s.id(), k -> new ArrayList<>());
    }
    for (Map.Entry<String, List<Acks.Answer>> e : byConversation.entrySet()) {
      String id = e.getKey();
      List<Acks.Answer> turns = e.getValue();
      CrashApi.Reply r = api.get(admin, "/api/conversations/" + id);
      if (r.status() == 404) {
        turns.forEach(t -> findings.lost(t, t + ": the conversation is gone (404)"));
        starts
            .getOrDefault(id, List.of())
            .forEach(s -> findings.lost(s, s + ": the conversation is gone (404)"));
        continue;
      }
      if (r.status() != 200) {
        findings.corruption(
            label + ": GET /api/conversations/" + id + " answered " + r.status() + ": " + r.body());
        continue;
      }
      Map<String, Integer> answered = answeredQuestions(r.json().get("messages"));
      Map<String, List<Acks.Answer>> byQuestion = new LinkedHashMap<>();
      turns.forEach(t -> byQuestion.computeIfAbsent(t.question(), k -> new ArrayList<>()).add(t));
      for (Map.Entry<String, List<Acks.Answer>> q : byQuestion.entrySet()) {
        List<Acks.Answer> asked = q.getValue();
        int present = answered.getOrDefault(q.getKey(), 0);
        for (Acks.Answer a : asked.subList(Math.min(present, asked.size()), asked.size())) {
          findings.lost(
              a,
              a
                  + ": the turn is missing from the conversation ("
                  + present
                  + " of "
                  + asked.size()
                  + " acknowledged answers to this question are there)");
        }
      }
      int audited = trail.answersByConversation().getOrDefault(id, 0);
      int missing = turns.size() - audited;
      for (int i = turns.size() - 1; i >= 0 && missing > 0; i--) {
        Acks.Answer a = turns.get(i);
        if (!findings.isLost(a)) {
          findings.lost(
              a,
              a
                  + ": no chat.answer audit record names the conversation ("
                  + audited
                  + " records for "
                  + turns.size()
                  + " acknowledged answers)");
        }
        missing--;
      }
    }
  }

  /** How many times each question is followed by an assistant message. */
  private static Map<String, Integer> answeredQuestions(JsonNode messages) {
    Map<String, Integer> answered = new HashMap<>();
    for (int i = 0; i + 1 < messages.size(); i++) {
      JsonNode m = messages.get(i);
      if (m.get("role").asText().equals("user")
          && messages.get(i + 1).get("role").asText().equals("assistant")) {
        answered.merge(m.get("text").asText(), 1, Integer::sum);
      }
    }
    return answered;
  }

  /** Model calls billed in the suite's workspaces over {@code months}, summed over models. */
  int billedCalls(List<YearMonth> months) throws IOException, InterruptedException {
    int calls = 0;
    for (String ws : CrashCorpus.WORKSPACES) {
      for (YearMonth m : months) {
        CrashApi.Reply r = api.get(admin, "/api/workspaces/" + ws + "/spend?month=" + m);
        if (r.status() != 200) {
          findings.corruption(
              label + ": GET spend of " + ws + " answered " + r.status() + ": " + r.body());
          continue;
        }
        for (JsonNode line : r.json().get("byModel")) {
          calls += line.get("calls").asInt();
        }
      }
    }
    return calls;
  }

  /**
   * Every model answer acknowledged (not refused by the relevance gate, which calls no model) has a
   * usage row: the calls billed must be at least those answers, beyond the baseline.
   */
  void usage(List<Acks.Answer> all, int baseline, List<YearMonth> months)
      throws IOException, InterruptedException {
    int expected =
        (int) all.stream().filter(a -> !a.refused() && !findings.isLost(a)).count() + baseline;
    int billed = billedCalls(months);
    if (billed < expected) {
      findings.usageShortfall(
          expected - billed,
          "%s: usage rows: the spend reports show %d model calls, but %d acknowledged answers (beyond %d calls billed before the run) used the model"
              .formatted(label, billed, expected - baseline, baseline));
    }
  }

  /**
   * Principals still exist, tokens still authenticate, grants still show in the grantee's workspace
   * list, and each budget is the last acknowledged one (or a later unanswered write).
   */
  void admin(Acks slice, Acks all) throws IOException, InterruptedException {
    for (Acks.Principal p : slice.principals) {
      // No route lists principals; creating one again is refused while it exists, and writes
      // nothing then.
      CrashApi.Reply r =
          api.call("POST", admin, "/api/principals", Map.of("id", p.id(), "name", "probe"));
      if (r.status() == 201) {
        findings.lost(p, p + ": gone (creating it again succeeded)");
      } else if (!(r.status() / 100 == 4 && r.body().contains("already exists"))) {
        findings.corruption(label + ": probing " + p + " answered " + r.status() + ": " + r.body());
      }
    }
    Map<String, Set<String>> readable = new HashMap<>();
    for (Acks.Token t : slice.tokens) {
      workspacesOf(t, readable);
    }
    for (Acks.Grant g : slice.grants) {
      Set<String> seen = null;
      for (Acks.Token t : all.tokensOf(g.principal())) {
        seen = workspacesOf(t, readable);
        if (seen != null) {
          break;
        }
      }
      if (seen != null && !seen.contains(g.workspace())) {
        findings.lost(g, g + ": the grantee's workspace list lacks it: " + seen);
      }
    }
    for (Map.Entry<String, Acks.Budget> e : slice.budgets.entrySet()) {
      Acks.Budget b = e.getValue();
      Acks.Budget.Cap cap = b.acknowledged();
      if (cap == null) {
        continue;
      }
      CrashApi.Reply r = api.get(admin, "/api/workspaces/" + e.getKey() + "/spend");
      if (r.status() != 200) {
        findings.corruption(label + ": GET spend answered " + r.status() + ": " + r.body());
        continue;
      }
      JsonNode now = r.json().get("capUsd");
      if (now == null || now.isNull() || !b.allows(now.decimalValue())) {
        findings.lost(cap, cap + ": the workspace's cap is now " + now);
      }
    }
  }

  /**
   * The workspaces {@code t} can read, or null when it no longer authenticates (then it is lost).
   */
  private Set<String> workspacesOf(Acks.Token t, Map<String, Set<String>> cache)
      throws IOException, InterruptedException {
    if (cache.containsKey(t.secret())) {
      return cache.get(t.secret());
    }
    CrashApi.Reply r = api.get(t.secret(), "/api/workspaces");
    Set<String> ws = null;
    if (r.status() == 200) {
      ws = new HashSet<>();
      for (JsonNode w : r.json().get("workspaces")) {
        ws.add(w.get("id").asText());
      }
    } else if (r.status() == 401) {
      findings.lost(t, t + ": no longer authenticates: " + r.body());
    } else {
      findings.corruption(
          label + ": GET /api/workspaces as " + t + " answered " + r.status() + ": " + r.body());
    }
    cache.put(t.secret(), ws);
    return ws;
  }
}

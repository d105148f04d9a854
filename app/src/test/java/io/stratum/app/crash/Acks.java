package io.stratum.app.crash;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Everything a client was told was done: each {@code done} event received, each conversation
 * started and each admin write answered with a 2xx. Only these are promises the server must keep
 * across a crash; a request cut by the kill promised nothing.
 */
final class Acks {
  /** A {@code done} event: a one-shot {@code ask} or a chat turn. */
  record Answer(
      int round,
      String kind,
      String principal,
      String conversationId,
      String question,
      boolean refused) {
    @Override
    public String toString() {
      return "round %d %s by %s in conversation %s (%s%s)"
          .formatted(round, kind, principal, conversationId, question, refused ? ", refused" : "");
    }
  }

  /** A conversation created with 201. */
  record Started(int round, String principal, String id) {
    @Override
    public String toString() {
      return "round %d conversation %s started by %s".formatted(round, id, principal);
    }
  }

  record Principal(int round, String id) {
    @Override
    public String toString() {
      return "round %d principal %s".formatted(round, id);
    }
  }

  record Token(int round, String principal, String id, String secret) {
    @Override
    public String toString() {
      return "round %d token %s of %s".formatted(round, id, principal);
    }
  }

  record Grant(int round, String principal, String workspace, String role) {
    @Override
    public String toString() {
      return "round %d %s as %s in %s".formatted(round, principal, role, workspace);
    }
  }

  /**
   * The budget writes to one workspace. They come from one client, one at a time, so after a crash
   * the cap is the last acknowledged value or one sent after it whose answer the kill cut off.
   */
  static final class Budget {
    /** One acknowledged cap; counted lost at most once. */
    record Cap(int round, String workspace, BigDecimal value) {
      @Override
      public String toString() {
        return "round %d budget of %s (cap %s)".formatted(round, workspace, value);
      }
    }

    private Cap acknowledged;
    private final Set<BigDecimal> unanswered = new LinkedHashSet<>();

    synchronized void sent(BigDecimal cap) {
      unanswered.add(cap);
    }

    synchronized void acknowledged(Cap cap) {
      acknowledged = cap;
      unanswered.clear();
    }

    /** Null before any write was acknowledged. */
    synchronized Cap acknowledged() {
      return acknowledged;
    }

    synchronized boolean allows(BigDecimal cap) {
      return acknowledged == null
          || acknowledged.value().compareTo(cap) == 0
          || unanswered.stream().anyMatch(u -> u.compareTo(cap) == 0);
    }
  }

  final List<Answer> answers = new ArrayList<>();
  final List<Started> started = new ArrayList<>();
  final List<Principal> principals = new ArrayList<>();
  final List<Token> tokens = new ArrayList<>();
  final List<Grant> grants = new ArrayList<>();
  final Map<String, Budget> budgets = new ConcurrentHashMap<>();
  private int budgetWrites;

  synchronized void add(Answer a) {
    answers.add(a);
  }

  synchronized void add(Started s) {
    started.add(s);
  }

  synchronized void add(Principal p) {
    principals.add(p);
  }

  synchronized void add(Token t) {
    tokens.add(t);
  }

  synchronized void add(Grant g) {
    grants.add(g);
  }

  Budget budget(String workspace) {
    return budgets.computeIfAbsent(workspace, w -> new Budget());
  }

  synchronized void budgetAcknowledged(int round, String workspace, BigDecimal cap) {
    budget(workspace).acknowledged(new Budget.Cap(round, workspace, cap));
    budgetWrites++;
  }

  /** Admin writes answered with a 2xx: principals, tokens, grants and budgets. */
  synchronized int adminWrites() {
    return principals.size() + tokens.size() + grants.size() + budgetWrites;
  }

  /** Where each list stands now, so a later check can take only what came after. */
  synchronized Mark mark() {
    return new Mark(
        answers.size(), started.size(), principals.size(), tokens.size(), grants.size());
  }

  record Mark(int answers, int started, int principals, int tokens, int grants) {
    static final Mark START = new Mark(0, 0, 0, 0, 0);
  }

  /** The acknowledgements after {@code from}, copied so checks never see a list still growing. */
  synchronized Acks since(Mark from) {
    Acks a = new Acks();
    a.answers.addAll(answers.subList(from.answers(), answers.size()));
    a.started.addAll(started.subList(from.started(), started.size()));
    a.principals.addAll(principals.subList(from.principals(), principals.size()));
    a.tokens.addAll(tokens.subList(from.tokens(), tokens.size()));
    a.grants.addAll(grants.subList(from.grants(), grants.size()));
    a.budgets.putAll(budgets);
    return a;
  }

  /** Every token acknowledged for {@code principal}. */
  synchronized List<Token> tokensOf(String principal) {
    return tokens.stream().filter(t -> t.principal().equals(principal)).toList();
  }
}

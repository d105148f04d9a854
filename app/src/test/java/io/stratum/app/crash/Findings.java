package io.stratum.app.crash;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * What the checks found: acknowledged writes that are gone, signs of corruption, audit gaps the
 * engine recorded, and interrupted calls it billed. An acknowledgement is counted lost once,
 * however many later checks miss it again.
 */
final class Findings {
  private final Set<Object> lost = Collections.newSetFromMap(new IdentityHashMap<>());
  private final List<String> lostItems = new ArrayList<>();
  private final List<String> corruptions = new ArrayList<>();
  private int usageShortfall;
  private String usageNote;
  private int gaps;
  private int interrupted;

  synchronized void lost(Object ack, String what) {
    if (lost.add(ack)) {
      lostItems.add(what);
    }
  }

  synchronized boolean isLost(Object ack) {
    return lost.contains(ack);
  }

  /**
   * Usage rows missing beyond those of answers already counted lost. Rows are summed, not matched
   * one by one, so the largest shortfall any check saw is the count.
   */
  synchronized void usageShortfall(int rows, String what) {
    if (rows > usageShortfall) {
      usageShortfall = rows;
      usageNote = what;
    }
  }

  synchronized void corruption(String what) {
    corruptions.add(what);
  }

  synchronized void gap() {
    gaps++;
  }

  synchronized void interrupted(int n) {
    interrupted = n;
  }

  synchronized int lost() {
    return lost.size() + usageShortfall;
  }

  synchronized int corruptions() {
    return corruptions.size();
  }

  synchronized int gaps() {
    return gaps;
  }

  synchronized int interrupted() {
    return interrupted;
  }

  /** Every loss and corruption, one a line, for the assertion message. */
  synchronized String report() {
    StringBuilder b = new StringBuilder();
    if (!lostItems.isEmpty() || usageShortfall > 0) {
      b.append("lost:\n");
      lostItems.forEach(l -> b.append("  - ").append(l).append('\n'));
      if (usageShortfall > 0) {
        b.append("  - ").append(usageNote).append('\n');
      }
    }
    if (!corruptions.isEmpty()) {
      b.append("corruptions:\n");
      corruptions.forEach(c -> b.append("  - ").append(c).append('\n'));
    }
    return b.toString();
  }
}

package io.stratum.app.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * A table printed as left-aligned columns, each as wide as its widest cell, two spaces apart.
 *
 * <pre>{@code
 * Columns t = new Columns("FAMILY", "STATUS");
 * t.row("nova", "validated");
 * t.print(out);
 * }</pre>
 */
final class Columns {
  private final List<String[]> rows = new ArrayList<>();

  Columns(String... header) {
    rows.add(header);
  }

  Columns row(Object... cells) {
    String[] row = new String[cells.length];
    for (int i = 0; i < cells.length; i++) {
      row[i] = String.valueOf(cells[i]);
    }
    rows.add(row);
    return this;
  }

  void print(PrintWriter out) {
    int[] widths = new int[rows.get(0).length];
    for (String[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.length; i++) {
        line.append(i == 0 ? "" : "  ").append(row[i]);
        line.append(" ".repeat(i == row.length - 1 ? 0 : widths[i] - row[i].length()));
      }
      out.println(line);
    }
  }
}

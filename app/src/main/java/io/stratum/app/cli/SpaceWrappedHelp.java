package io.stratum.app.cli;

import java.util.IllegalFormatException;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Help.Ansi.Text;
import picocli.CommandLine.Help.ColorScheme;
import picocli.CommandLine.Help.Column;
import picocli.CommandLine.Help.Column.Overflow;
import picocli.CommandLine.Help.TextTable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Usage help that wraps lines only at spaces. Picocli's own wrapping follows the JDK's line break
 * rules, which also break after '.', ':' and ',', and so split {@code ./stratum-data} and {@code
 * terraform.tfvars} across lines. Every section that wraps (descriptions, option and parameter
 * lists, the command list, exit codes) is laid out in a {@link Table} here; a word longer than its
 * column is still cut, as picocli would.
 */
final class SpaceWrappedHelp extends CommandLine.Help {
  static final CommandLine.IHelpFactory FACTORY = SpaceWrappedHelp::new;

  SpaceWrappedHelp(CommandSpec spec, ColorScheme scheme) {
    super(spec, scheme);
  }

  private int width() {
    return commandSpec().usageMessage().width();
  }

  @Override
  public String description(Object... params) {
    return join(commandSpec().usageMessage().description(), params);
  }

  @Override
  public String header(Object... params) {
    return join(commandSpec().usageMessage().header(), params);
  }

  @Override
  public String footer(Object... params) {
    return join(commandSpec().usageMessage().footer(), params);
  }

  private String join(String[] lines, Object... params) {
    if (lines == null || lines.length == 0) {
      return "";
    }
    Table table = new Table(colorScheme(), new Column(width(), 0, Overflow.WRAP));
    table.indentWrappedLines = 0;
    for (String line : lines) {
      table.addRowValues(format(line, params));
    }
    return table.toString();
  }

  /** As picocli formats help text: {@code %n} is a line break; a bad format is left as it is. */
  private static String format(String text, Object... params) {
    try {
      return String.format(text, params);
    } catch (IllegalFormatException e) {
      return text;
    }
  }

  @Override
  public Layout createDefaultLayout(
      List<OptionSpec> options, List<PositionalParamSpec> positionals, ColorScheme scheme) {
    // picocli's default columns: required marker, short name, comma, long name, description
    int longNames = calcLongOptionColumnWidth(options, positionals, scheme);
    Table table =
        new Table(
            scheme,
            new Column(2, 0, Overflow.TRUNCATE),
            new Column(2, 0, Overflow.SPAN),
            new Column(1, 0, Overflow.TRUNCATE),
            new Column(longNames, 1, Overflow.SPAN),
            new Column(width() - 5 - longNames, 1, Overflow.WRAP));
    return new Layout(
        scheme, table, createDefaultOptionRenderer(), createDefaultParameterRenderer());
  }

  @Override
  public String commandList(Map<String, CommandLine.Help> subcommands) {
    if (subcommands.isEmpty()) {
      return "";
    }
    int names = Math.min(maxLength(subcommands.keySet()), width() / 2);
    Table table = twoColumns(names + 2);
    for (CommandLine.Help help : subcommands.values()) {
      Text[] lines = colorScheme().text(format(summary(help))).splitLines();
      for (int i = 0; i < lines.length; i++) {
        table.addRowValues(i == 0 ? help.commandNamesText(", ") : colorScheme().text(""), lines[i]);
      }
    }
    return table.toString();
  }

  /** The first line of a command's header, else of its description: its summary. */
  static String summary(CommandLine.Help help) {
    CommandLine.Model.UsageMessageSpec usage = help.commandSpec().usageMessage();
    String[] lines = usage.header().length > 0 ? usage.header() : usage.description();
    return lines.length == 0 ? "" : lines[0];
  }

  @Override
  public TextTable createTextTable(Map<?, ?> map) {
    Table table = twoColumns(Math.min(width() - 4, maxLength(map.keySet())) + 3);
    for (Map.Entry<?, ?> e : map.entrySet()) {
      table.addRowValues(format(String.valueOf(e.getKey())), format(String.valueOf(e.getValue())));
    }
    return table;
  }

  private Table twoColumns(int first) {
    return new Table(
        colorScheme(),
        new Column(first, 2, Overflow.SPAN),
        new Column(width() - first, 2, Overflow.WRAP));
  }

  private static int maxLength(Iterable<?> values) {
    int max = 0;
    for (Object v : values) {
      max = Math.max(max, String.valueOf(v).length());
    }
    return max;
  }

  /** A text table whose wrapping columns break lines at spaces only. */
  static final class Table extends TextTable {
    private final ColorScheme scheme;

    Table(ColorScheme scheme, Column... columns) {
      super(scheme, columns);
      this.scheme = scheme;
    }

    @Override
    public Cell putValue(int row, int col, Text value) {
      Column column = columns()[col];
      if (value == null || column.overflow != Overflow.WRAP) {
        return super.putValue(row, col, value);
      }
      String plain = value.plainString();
      Cell cell = new Cell(col, row);
      int start = 0;
      for (boolean first = true; start < plain.length(); first = false) {
        String lead = first ? "" : " ".repeat(indentWrappedLines);
        int end = lineEnd(plain, start, column.width - column.indent - lead.length());
        if (!first) {
          addEmptyRow();
          row = cell.row + 1;
        }
        cell = super.putValue(row, col, scheme.text(lead).concat(value.substring(start, end)));
        start = end;
        while (start < plain.length() && plain.charAt(start) == ' ') {
          start++;
        }
      }
      return cell;
    }

    /**
     * Where the line starting at {@code start} ends: at the last space that fits in {@code room}.
     */
    static int lineEnd(String text, int start, int room) {
      if (text.length() - start <= room) {
        return text.length();
      }
      int space = text.lastIndexOf(' ', start + room);
      if (space > start) {
        return space;
      }
      int next = text.indexOf(' ', start);
      return next < 0 ? text.length() : next; // one word wider than the column
    }
  }
}

package io.stratum.app.cli;

import io.stratum.access.IssuedToken;
import io.stratum.access.Principal;
import io.stratum.access.Role;
import io.stratum.app.Stratum;
import io.stratum.app.config.Settings;
import io.stratum.budget.Budget;
import io.stratum.corpus.MarkdownConnector;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code stratum admin ...}: principals, roles, tokens, workspaces and budgets, on the local data
 * directory (whoever can run this can read the files, so it acts as an org admin).
 */
@Command(
    name = "admin",
    description = {
      "Manage principals, tokens, workspaces and budgets on the local data directory.",
      "Whoever can run this can read the data files, so it acts as an org admin."
    },
    subcommands = {
      AdminCommand.Principals.class,
      AdminCommand.Grant.class,
      AdminCommand.Tokens.class,
      AdminCommand.Workspaces.class,
      AdminCommand.Budgets.class
    })
public final class AdminCommand {
  /** Opens the data directory, runs {@code work}, closes it. */
  abstract static class Sub implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin DataOption data;

    abstract void run(Stratum stratum, PrintWriter out);

    @Override
    public Integer call() {
      try (Stratum stratum = data.open(Settings.fromEnvironment(data.data, null))) {
        run(stratum, spec.commandLine().getOut());
      }
      spec.commandLine().getOut().flush();
      return 0;
    }
  }

  // Groups: run alone, picocli answers "Missing required subcommand" with the usage, exit 2.
  @Command(
      name = "principal",
      description = "Create principals: the users and services that hold tokens.",
      subcommands = PrincipalCreate.class)
  static final class Principals {}

  @Command(
      name = "token",
      description = "Issue and revoke API tokens.",
      subcommands = {TokenCreate.class, TokenRevoke.class})
  static final class Tokens {}

  @Command(
      name = "workspace",
      description = "Create workspaces.",
      subcommands = WorkspaceCreate.class)
  static final class Workspaces {}

  @Command(name = "budget", description = "Set workspace budgets.", subcommands = BudgetSet.class)
  static final class Budgets {}

  @Command(name = "create", description = "Create a principal (a user or a service).")
  static final class PrincipalCreate extends Sub {
    @Parameters(
        paramLabel = "ID",
        description = "Lower-case letters, digits and . _ @ - (1 to 64), e.g. alice.")
    String id;

    @Option(names = "--name", paramLabel = "NAME", description = "Display name (default: the id).")
    String name;

    @Option(names = "--org-admin", description = "May do anything, in every workspace.")
    boolean orgAdmin;

    @Override
    void run(Stratum s, PrintWriter out) {
      s.administration().createPrincipal(Principal.LOCAL_OPERATOR, id, name, orgAdmin);
      out.println("created principal " + id + (orgAdmin ? " (org admin)" : ""));
    }
  }

  @Command(name = "grant", description = "Give a principal a role in a workspace.")
  static final class Grant extends Sub {
    @Parameters(paramLabel = "PRINCIPAL", description = "The principal's id.")
    String principal;

    @Option(names = "--workspace", required = true, paramLabel = "WS", description = "Workspace.")
    String workspace;

    @Option(
        names = "--role",
        required = true,
        paramLabel = "ROLE",
        description = "viewer, member or workspace_admin.")
    String role;

    @Override
    void run(Stratum s, PrintWriter out) {
      s.administration().grant(Principal.LOCAL_OPERATOR, principal, workspace, Role.parse(role));
      out.println(principal + " is " + role + " in " + workspace);
    }
  }

  @Command(name = "create", description = "Issue an API token; it is shown once.")
  static final class TokenCreate extends Sub {
    @Option(
        names = "--principal",
        required = true,
        paramLabel = "ID",
        description = "Whose token it is.")
    String principal;

    @Option(
        names = "--name",
        defaultValue = "",
        paramLabel = "NAME",
        description = "What the token is for, e.g. laptop.")
    String name;

    @Option(
        names = "--expires-in-days",
        paramLabel = "N",
        description = "Days until it stops working (default: never).")
    Integer days;

    @Option(
        names = "--workspace",
        paramLabel = "ID",
        description =
            "Bind it to a workspace: its calls to the OpenAI-compatible gateway (/v1) spend that"
                + " workspace's budget (default: none; the caller names one per request).")
    String workspace;

    @Override
    void run(Stratum s, PrintWriter out) {
      if (days != null && days <= 0) {
        throw new IllegalArgumentException("--expires-in-days: expected a number > 0, got " + days);
      }
      IssuedToken t =
          s.administration()
              .issueToken(
                  Principal.LOCAL_OPERATOR,
                  principal,
                  name,
                  days == null ? null : Duration.ofDays(days),
                  workspace);
      out.println(
          "token id "
              + t.id()
              + (t.expiresAt() == null ? "" : ", expires " + t.expiresAt())
              + (t.workspace() == null ? "" : ", bound to workspace " + t.workspace()));
      out.println(t.token());
    }
  }

  @Command(name = "revoke", description = "Revoke an API token by its id.")
  static final class TokenRevoke extends Sub {
    @Parameters(paramLabel = "TOKEN_ID", description = "The id printed when it was issued.")
    String id;

    @Override
    void run(Stratum s, PrintWriter out) {
      if (!s.administration().revokeToken(Principal.LOCAL_OPERATOR, id)) {
        throw new IllegalArgumentException(
            "token '" + id + "' does not exist or is already revoked");
      }
      out.println("revoked token " + id);
    }
  }

  @Command(name = "create", description = "Create an empty workspace.")
  static final class WorkspaceCreate extends Sub {
    @Parameters(
        paramLabel = "ID",
        description = "Lower-case letters, digits and - (1 to 64), e.g. payments.")
    String id;

    @Option(names = "--name", paramLabel = "NAME", description = "Display name (default: the id).")
    String name;

    @Option(names = "--global", description = "Readable by every principal.")
    boolean global;

    @Override
    void run(Stratum s, PrintWriter out) {
      MarkdownConnector.requireWorkspaceId(id);
      s.administration()
          .createWorkspace(Principal.LOCAL_OPERATOR, id, name == null ? id : name, global);
      out.println("created workspace " + id + (global ? " (global)" : ""));
    }
  }

  @Command(name = "set", description = "Set a workspace's monthly USD cap.")
  static final class BudgetSet extends Sub {
    @Option(names = "--workspace", required = true, paramLabel = "WS", description = "Workspace.")
    String workspace;

    @Option(
        names = "--cap",
        required = true,
        paramLabel = "USD",
        description = "Monthly cap in US dollars, e.g. 250.")
    BigDecimal cap;

    @Option(names = "--hard", description = "Refuse requests that could pass the cap.")
    boolean hard;

    @Override
    void run(Stratum s, PrintWriter out) {
      if (cap.signum() < 0) {
        throw new IllegalArgumentException("--cap: expected a number >= 0, got " + cap);
      }
      s.administration().setBudget(Principal.LOCAL_OPERATOR, workspace, new Budget(cap, hard));
      out.println(
          workspace
              + ": $"
              + cap.toPlainString()
              + " a month"
              + (hard ? ", hard cap" : ", alerts only"));
    }
  }
}

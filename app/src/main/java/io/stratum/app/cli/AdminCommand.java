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
    description = "Manage principals, tokens, workspaces and budgets on the local data directory.",
    subcommands = {
      AdminCommand.Principals.class,
      AdminCommand.Grant.class,
      AdminCommand.Tokens.class,
      AdminCommand.Workspaces.class,
      AdminCommand.Budgets.class
    })
public final class AdminCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return 2;
  }

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

  /** A group of subcommands: prints its usage when called alone. */
  abstract static class Group implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      spec.commandLine().usage(spec.commandLine().getOut());
      return 2;
    }
  }

  @Command(name = "principal", description = "Principals.", subcommands = PrincipalCreate.class)
  static final class Principals extends Group {}

  @Command(
      name = "token",
      description = "API tokens.",
      subcommands = {TokenCreate.class, TokenRevoke.class})
  static final class Tokens extends Group {}

  @Command(name = "workspace", description = "Workspaces.", subcommands = WorkspaceCreate.class)
  static final class Workspaces extends Group {}

  @Command(name = "budget", description = "Budgets.", subcommands = BudgetSet.class)
  static final class Budgets extends Group {}

  @Command(name = "create", description = "Create a principal (a user or a service).")
  static final class PrincipalCreate extends Sub {
    @Parameters(paramLabel = "ID")
    String id;

    @Option(names = "--name")
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
    @Parameters(paramLabel = "PRINCIPAL")
    String principal;

    @Option(names = "--workspace", required = true)
    String workspace;

    @Option(names = "--role", required = true, description = "viewer, member or workspace_admin")
    String role;

    @Override
    void run(Stratum s, PrintWriter out) {
      s.administration().grant(Principal.LOCAL_OPERATOR, principal, workspace, Role.parse(role));
      out.println(principal + " is " + role + " in " + workspace);
    }
  }

  @Command(name = "create", description = "Issue an API token; it is shown once.")
  static final class TokenCreate extends Sub {
    @Option(names = "--principal", required = true)
    String principal;

    @Option(names = "--name", defaultValue = "")
    String name;

    @Option(names = "--expires-in-days", description = "Default: never.")
    Integer days;

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
                  days == null ? null : Duration.ofDays(days));
      out.println(
          "token id " + t.id() + (t.expiresAt() == null ? "" : ", expires " + t.expiresAt()));
      out.println(t.token());
    }
  }

  @Command(name = "revoke", description = "Revoke an API token by its id.")
  static final class TokenRevoke extends Sub {
    @Parameters(paramLabel = "TOKEN_ID")
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
    @Parameters(paramLabel = "ID")
    String id;

    @Option(names = "--name")
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
    @Option(names = "--workspace", required = true)
    String workspace;

    @Option(names = "--cap", required = true, paramLabel = "USD")
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

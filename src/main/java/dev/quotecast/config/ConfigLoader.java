package dev.quotecast.config;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Loads {@code bot-config.yml}. The YAML is read as a node tree, so every error can name the key
 * and the line: unknown keys, wrong types, bad zones, times and durations all fail before anything
 * starts. {@code ${NAME}} (or {@code ${NAME:-default}}) in a value is replaced from the environment;
 * a token whose variable is unset is absent, and its platform is off.
 */
public final class ConfigLoader {

    private static final Pattern ENV = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?}");
    /**
     * What is left of a value once its well-formed references are taken out, and still looks like
     * one: {@code $NAME} without braces, or an unclosed {@code ${NAME}. Taken literally they would
     * become the token, and the platform would fail with a confusing "invalid auth".
     */
    private static final Pattern BROKEN_ENV = Pattern.compile("(?<!\\$)\\$(\\{[^}]*$|\\{[^}]*}|[A-Za-z_][A-Za-z0-9_]*)");
    private static final Pattern DURATION = Pattern.compile("^(\\d{1,9})\\s*(ms|s|m|h|d)$");
    private static final Pattern CLOCK = Pattern.compile("^([01]?\\d|2[0-3]):([0-5]\\d)$");

    private final Function<String, String> env;

    public ConfigLoader(Function<String, String> env) {
        this.env = env;
    }

    public static ConfigLoader fromEnvironment() {
        return new ConfigLoader(System::getenv);
    }

    /**
     * The configuration used when there is no file: defaults, with the platform tokens still read
     * from the usual environment variables, so that {@code SLACK_BOT_TOKEN=… java -jar …} works
     * without writing a config first.
     */
    public BotConfig defaults(Path base) {
        String yaml = """
                state:
                  url: ${QUOTECAST_STATE_URL}
                slack:
                  botToken: ${SLACK_BOT_TOKEN}
                  appToken: ${SLACK_APP_TOKEN}
                  signingSecret: ${SLACK_SIGNING_SECRET}
                  clientId: ${SLACK_CLIENT_ID}
                  clientSecret: ${SLACK_CLIENT_SECRET}
                discord:
                  token: ${DISCORD_BOT_TOKEN}
                """;
        return parse("(defaults)", new StringReader(yaml), base);
    }

    public BotConfig load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException(file.toString(), 0, null, "cannot read: " + e.getMessage());
        }
        Path base = file.toAbsolutePath().getParent();
        return parse(file.toString(), new StringReader(text), base);
    }

    public BotConfig parse(String fileName, Reader yaml, Path base) {
        Node root;
        try {
            root = StrictYaml.compose(yaml);
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
            throw new ConfigException(fileName, line, null, "not valid YAML: " + e.getProblem());
        } catch (YAMLException e) {
            throw new ConfigException(fileName, 0, null, "not valid YAML: " + e.getMessage());
        }
        Ctx ctx = new Ctx(fileName, base);
        BotConfig d = BotConfig.defaults();
        if (root == null) return withSource(d, fileName, base);
        Map<String, Node> top = ctx.mapping(root, "", Set.of("transcripts", "index", "state", "cache", "limits", "http",
                "slack", "discord", "schedule", "scheduling", "zone"));

        List<Path> transcripts = List.of(base.resolve("transcripts"));
        int maxFileMB = d.limits().maxTranscriptMB();
        Map<String, Integer> folderLines = new HashMap<>();
        if (top.containsKey("transcripts")) folderLines.put("transcripts", line(top.get("transcripts")));
        if (top.containsKey("transcripts")) {
            Map<String, Node> t = ctx.mapping(top.get("transcripts"), "transcripts", Set.of("dir", "dirs", "maxFileMB"));
            if (t.containsKey("maxFileMB")) maxFileMB = ctx.integer(t.get("maxFileMB"), "transcripts.maxFileMB", 1, 4096);
            List<Path> dirs = new ArrayList<>();
            if (t.containsKey("dir")) dirs.add(ctx.path(t.get("dir"), "transcripts.dir"));
            if (t.containsKey("dirs")) for (String s : ctx.strings(t.get("dirs"), "transcripts.dirs")) dirs.add(base.resolve(s));
            if (dirs.isEmpty()) throw ctx.error(top.get("transcripts"), "transcripts", "needs `dir` (or `dirs`)");
            transcripts = dirs;
        }
        Path index = null;
        boolean embeddings = d.embeddings();
        if (top.containsKey("index")) {
            Map<String, Node> t = ctx.mapping(top.get("index"), "index", Set.of("dir", "embeddings"));
            folderLines.put("index.dir", line(top.get("index")));
            if (t.containsKey("dir")) {
                folderLines.put("index.dir", line(t.get("dir")));
                String v = ctx.string(t.get("dir"), "index.dir");
                index = v == null || v.isBlank() ? null : base.resolve(v);
            }
            if (t.containsKey("embeddings")) embeddings = ctx.bool(t.get("embeddings"), "index.embeddings");
        }
        Path state = base.resolve("data/state");
        BotConfig.SharedState shared = null;
        if (top.containsKey("state")) {
            Map<String, Node> t = ctx.mapping(top.get("state"), "state", Set.of("dir", "url", "user", "password", "pool", "replicaTimeout"));
            if (t.containsKey("dir")) {
                state = ctx.path(t.get("dir"), "state.dir");
                folderLines.put("state.dir", line(t.get("dir")));
            }
            shared = sharedState(ctx, t);
        }
        BotConfig.Cache cache = d.cache();
        if (top.containsKey("cache")) {
            Map<String, Node> t = ctx.mapping(top.get("cache"), "cache", Set.of("maxEntries", "ttl"));
            cache = new BotConfig.Cache(
                    t.containsKey("maxEntries") ? ctx.integer(t.get("maxEntries"), "cache.maxEntries", 0, 10_000_000) : cache.maxEntries(),
                    t.containsKey("ttl") ? ctx.duration(t.get("ttl"), "cache.ttl") : cache.ttl());
        }
        BotConfig.Limits limits = d.limits();
        if (top.containsKey("limits")) {
            Map<String, Node> t = ctx.mapping(top.get("limits"), "limits", Set.of("perUserPerMinute", "maxQueryChars"));
            limits = new BotConfig.Limits(
                    t.containsKey("perUserPerMinute") ? ctx.integer(t.get("perUserPerMinute"), "limits.perUserPerMinute", 1, 100_000) : limits.perUserPerMinute(),
                    t.containsKey("maxQueryChars") ? ctx.integer(t.get("maxQueryChars"), "limits.maxQueryChars", 10, 10_000) : limits.maxQueryChars());
        }
        limits = new BotConfig.Limits(limits.perUserPerMinute(), limits.maxQueryChars(), maxFileMB);
        BotConfig.Http http = d.http();
        if (top.containsKey("http")) {
            Map<String, Node> t = ctx.mapping(top.get("http"), "http", Set.of("host", "port"));
            String host = t.containsKey("host") ? ctx.host(t.get("host"), "http.host") : http.host();
            http = new BotConfig.Http(host, t.containsKey("port") ? ctx.integer(t.get("port"), "http.port", -1, 65535) : http.port());
        }
        ZoneId zone = top.containsKey("zone") ? ctx.zone(top.get("zone"), "zone") : d.zone();
        BotConfig.Slack slack = d.slack();
        if (top.containsKey("slack")) {
            Map<String, Node> t = ctx.mapping(top.get("slack"), "slack", Set.of("botToken", "appToken", "signingSecret", "apiUrl", "admins",
                    "clientId", "clientSecret", "redirectUri", "scopes"));
            String apiUrl = t.containsKey("apiUrl") ? ctx.url(t.get("apiUrl"), "slack.apiUrl") : slack.apiUrl();
            String botToken = ctx.secret(t.get("botToken"), "slack.botToken");
            BotConfig.Distribution distribution = distribution(ctx, top.get("slack"), t, botToken, http);
            slack = new BotConfig.Slack(botToken, ctx.secret(t.get("appToken"), "slack.appToken"),
                    ctx.secret(t.get("signingSecret"), "slack.signingSecret"), withSlash(apiUrl),
                    t.containsKey("admins") ? ctx.strings(t.get("admins"), "slack.admins") : List.of(), distribution);
            if (slack.enabled() && !slack.socketMode() && (slack.signingSecret() == null || slack.signingSecret().isBlank())) {
                throw ctx.error(top.get("slack"), "slack.signingSecret", "HTTP mode (no appToken) needs a signing secret to verify requests");
            }
        }
        BotConfig.Discord discord = d.discord();
        if (top.containsKey("discord")) {
            Map<String, Node> t = ctx.mapping(top.get("discord"), "discord", Set.of("token", "guilds", "restUrl", "gatewayUrl", "shards"));
            discord = new BotConfig.Discord(ctx.secret(t.get("token"), "discord.token"),
                    t.containsKey("guilds") ? ctx.strings(t.get("guilds"), "discord.guilds") : List.of(),
                    withSlash(t.containsKey("restUrl") ? ctx.url(t.get("restUrl"), "discord.restUrl") : discord.restUrl()),
                    t.containsKey("gatewayUrl") ? ctx.url(t.get("gatewayUrl"), "discord.gatewayUrl") : discord.gatewayUrl(),
                    t.containsKey("shards") ? shards(ctx, t.get("shards")) : BotConfig.Shards.ONE);
            if (t.get("guilds") instanceof SequenceNode guilds) {
                for (Node g : guilds.getValue()) {
                    if (!ctx.string(g, "discord.guilds").matches("\\d{5,25}")) {
                        throw ctx.error(g, "discord.guilds", ctx.shown(g) + " is not a guild id (digits)");
                    }
                }
            }
        }
        BotConfig.Scheduling scheduling = d.scheduling();
        if (top.containsKey("scheduling")) {
            Map<String, Node> t = ctx.mapping(top.get("scheduling"), "scheduling", Set.of("catchUp"));
            if (t.containsKey("catchUp")) scheduling = new BotConfig.Scheduling(ctx.duration(t.get("catchUp"), "scheduling.catchUp"));
        }
        List<BotConfig.ScheduleEntry> schedule = new ArrayList<>();
        if (top.containsKey("schedule")) {
            Node n = top.get("schedule");
            SequenceNode seq = null;
            if (n instanceof SequenceNode s) seq = s;
            else if (!(n instanceof ScalarNode s && s.getValue().isEmpty())) throw ctx.error(n, "schedule", "expected a list of entries");
            if (seq != null) {
                int i = 0;
                for (Node item : seq.getValue()) {
                    String key = "schedule[" + i++ + "]";
                    Map<String, Node> t = ctx.mapping(item, key, Set.of("platform", "channel", "at", "zone", "post"));
                    for (String req : List.of("platform", "channel", "at", "zone")) {
                        if (!t.containsKey(req)) throw ctx.error(item, key + "." + req, "is required");
                    }
                    String platform = ctx.string(t.get("platform"), key + ".platform");
                    if (!Set.of("slack", "discord").contains(platform)) {
                        throw ctx.error(t.get("platform"), key + ".platform", "must be slack or discord, not " + ctx.shown(t.get("platform")));
                    }
                    String post = t.containsKey("post") ? ctx.string(t.get("post"), key + ".post") : "advice";
                    if (!post.equals("advice") && !(post.startsWith("quote:") && post.length() > 6)) {
                        throw ctx.error(t.get("post"), key + ".post", "must be 'advice' or 'quote:TOPIC', not " + ctx.shown(t.get("post")));
                    }
                    schedule.add(new BotConfig.ScheduleEntry(platform, ctx.string(t.get("channel"), key + ".channel"),
                            ctx.time(t.get("at"), key + ".at"), ctx.zone(t.get("zone"), key + ".zone"), post, item.getStartMark().getLine() + 1));
                }
            }
        }
        BotConfig config = new BotConfig(Path.of(fileName), transcripts, index, state, cache, limits, http, slack, discord, scheduling,
                schedule, zone, embeddings, shared);
        OwnedFolders.check(config, fileName, folderLines);
        return config;
    }

    /** {@code state.url} and its companions; null when there is no {@code url} (state stays in files). */
    private BotConfig.SharedState sharedState(Ctx ctx, Map<String, Node> t) {
        Node urlNode = t.get("url");
        String url = urlNode == null ? null : ctx.secret(urlNode, "state.url");
        for (String k : List.of("user", "password", "pool", "replicaTimeout")) {
            if (url == null && t.containsKey(k)) throw ctx.error(t.get(k), "state." + k, "only means something with state.url (a shared PostgreSQL database)");
        }
        if (url == null) return null;
        if (!url.matches("(?i)^jdbc:postgresql://[^\\s]+$")) {
            // the value may hold a password: shown masked, or by its variable's name when it came from the environment
            String shown = ctx.fromEnvironment(urlNode) ? "'" + ((ScalarNode) urlNode).getValue() + "' (from the environment)"
                    : "'" + BotConfig.SharedState.maskPassword(url) + "'";
            throw ctx.error(urlNode, "state.url", "expected a PostgreSQL JDBC URL like jdbc:postgresql://db.example.com:5432/quotecast, got " + shown);
        }
        String user = t.containsKey("user") ? ctx.secret(t.get("user"), "state.user") : null;
        String password = ctx.secret(t.get("password"), "state.password");
        int pool = t.containsKey("pool") ? ctx.integer(t.get("pool"), "state.pool", 2, 200) : BotConfig.SharedState.DEFAULT_POOL;
        Duration timeout = BotConfig.SharedState.DEFAULT_REPLICA_TIMEOUT;
        if (t.containsKey("replicaTimeout")) {
            timeout = ctx.duration(t.get("replicaTimeout"), "state.replicaTimeout");
            if (timeout.compareTo(Duration.ofSeconds(2)) < 0 || timeout.compareTo(Duration.ofHours(1)) > 0) {
                throw ctx.error(t.get("replicaTimeout"), "state.replicaTimeout", "must be between 2s and 1h, got " + ctx.shown(t.get("replicaTimeout")));
            }
        }
        return new BotConfig.SharedState(url, user, password, pool, timeout);
    }

    /** {@code slack.clientId} and {@code slack.clientSecret} together, or neither; null when neither (one workspace). */
    private BotConfig.Distribution distribution(Ctx ctx, Node slack, Map<String, Node> t, String botToken, BotConfig.Http http) {
        String id = t.containsKey("clientId") ? ctx.secret(t.get("clientId"), "slack.clientId") : null;
        String secret = ctx.secret(t.get("clientSecret"), "slack.clientSecret");
        String redirectText = t.containsKey("redirectUri") ? ctx.secret(t.get("redirectUri"), "slack.redirectUri") : null;
        if (id == null && secret == null) {
            if (redirectText != null) throw ctx.error(t.get("redirectUri"), "slack.redirectUri", "only means something with slack.clientId and slack.clientSecret (OAuth installs)");
            if (t.containsKey("scopes")) throw ctx.error(t.get("scopes"), "slack.scopes", "only means something with slack.clientId and slack.clientSecret (OAuth installs)");
            return null;
        }
        if (id == null) throw ctx.error(slack, "slack.clientId", "is required with slack.clientSecret: installing into workspaces needs both");
        if (secret == null) throw ctx.error(slack, "slack.clientSecret", "is required with slack.clientId (set it from the environment, e.g. ${SLACK_CLIENT_SECRET})");
        if (botToken != null) {
            throw ctx.error(t.get("botToken"), "slack.botToken", "and slack.clientId are two ways to run: a bot token serves one workspace, "
                    + "clientId/clientSecret install into many (each with its own token); set one of them");
        }
        if (http.port() < 0) {
            throw ctx.error(t.get("clientId"), "slack.clientId", "OAuth installs are served on the HTTP port (/slack/install, /slack/oauth_redirect): set http.port");
        }
        String redirect = redirectText == null ? null : ctx.url(t.get("redirectUri"), "slack.redirectUri");
        List<String> scopes = t.containsKey("scopes") ? ctx.strings(t.get("scopes"), "slack.scopes") : BotConfig.Distribution.MANIFEST_SCOPES;
        if (scopes.isEmpty()) throw ctx.error(t.get("scopes"), "slack.scopes", "needs at least one bot scope, e.g. [commands, chat:write]");
        for (String sc : scopes) {
            if (!sc.matches("[a-z][a-z.:_-]{1,60}")) throw ctx.error(t.get("scopes"), "slack.scopes", "'" + sc + "' is not a Slack scope name");
        }
        return new BotConfig.Distribution(id, secret, redirect, scopes);
    }

    /** {@code discord.shards: { total: auto | N, ids: "0-3" }}. */
    private BotConfig.Shards shards(Ctx ctx, Node n) {
        Map<String, Node> t = ctx.mapping(n, "discord.shards", Set.of("total", "ids"));
        if (!t.containsKey("total")) throw ctx.error(n, "discord.shards.total", "is required: auto, or how many shards the bot has");
        String totalText = ctx.string(t.get("total"), "discord.shards.total").trim();
        int total = totalText.equalsIgnoreCase("auto") ? 0 : -1;
        if (total < 0) {
            try {
                total = Integer.parseInt(totalText);
            } catch (NumberFormatException e) {
                throw ctx.error(t.get("total"), "discord.shards.total", "expected auto or a whole number, got " + ctx.shown(t.get("total")));
            }
            if (total < 1 || total > 65_536) throw ctx.error(t.get("total"), "discord.shards.total", "must be between 1 and 65536, got " + ctx.shown(t.get("total")));
        }
        if (!t.containsKey("ids")) return new BotConfig.Shards(total, List.of());
        if (total == 0) {
            throw ctx.error(t.get("ids"), "discord.shards.ids", "needs a fixed discord.shards.total: with auto, each process would ask Discord"
                    + " for its own count, and processes that split the shards could disagree");
        }
        java.util.TreeSet<Integer> ids = new java.util.TreeSet<>();
        String text = t.get("ids") instanceof SequenceNode ? String.join(",", ctx.strings(t.get("ids"), "discord.shards.ids"))
                : ctx.string(t.get("ids"), "discord.shards.ids");
        for (String part : text.split(",")) {
            Matcher m = Pattern.compile("^\\s*(\\d{1,5})\\s*(?:-\\s*(\\d{1,5})\\s*)?$").matcher(part);
            if (!m.matches()) throw ctx.error(t.get("ids"), "discord.shards.ids", "expected ids like \"0-3\" or \"0,2,4\", got " + ctx.shown(t.get("ids")));
            int from = Integer.parseInt(m.group(1)), to = m.group(2) == null ? from : Integer.parseInt(m.group(2));
            if (to < from || to >= total) {
                throw ctx.error(t.get("ids"), "discord.shards.ids", "'" + part.trim() + "' is not within 0-" + (total - 1) + " (discord.shards.total is " + total + ")");
            }
            for (int i = from; i <= to; i++) ids.add(i);
        }
        return new BotConfig.Shards(total, ids.size() == total ? List.of() : List.copyOf(ids));
    }

    private static int line(Node n) {
        return n.getStartMark().getLine() + 1;
    }

    private static BotConfig withSource(BotConfig d, String file, Path base) {
        return new BotConfig(Path.of(file), List.of(base.resolve("transcripts")), null, base.resolve("data/state"), d.cache(), d.limits(),
                d.http(), d.slack(), d.discord(), d.scheduling(), d.schedule(), d.zone(), d.embeddings(), null);
    }

    private static String withSlash(String url) {
        return url.endsWith("/") ? url : url + "/";
    }

    /** Parses {@code 10m}, {@code 30s}, {@code 2h}, {@code 500ms}, {@code 1d}. */
    public static Duration parseDuration(String s) {
        Matcher m = DURATION.matcher(s.trim());
        if (!m.matches()) return null;
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }

    /** Parses {@code HH:mm} (24 h). */
    public static LocalTime parseTime(String s) {
        Matcher m = CLOCK.matcher(s.trim());
        return m.matches() ? LocalTime.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))) : null;
    }

    /** Parses an IANA zone id ({@code Europe/Berlin}) or {@code UTC}; null when unknown. */
    public static ZoneId parseZone(String s) {
        try {
            return ZoneId.of(s.trim());
        } catch (DateTimeException e) {
            return null;
        }
    }

    private final class Ctx {
        final String file;
        final Path base;

        Ctx(String file, Path base) {
            this.file = file;
            this.base = base;
        }

        ConfigException error(Node n, String key, String message) {
            return new ConfigException(file, n == null ? 0 : n.getStartMark().getLine() + 1, key, message);
        }

        Map<String, Node> mapping(Node n, String key, Set<String> allowed) {
            if (!(n instanceof MappingNode m)) throw error(n, key, "expected a mapping of keys, found " + describe(n));
            Map<String, Node> out = new LinkedHashMap<>();
            Map<String, Node> keys = new HashMap<>();
            for (NodeTuple t : m.getValue()) {
                if (!(t.getKeyNode() instanceof ScalarNode k)) throw error(t.getKeyNode(), key, "keys must be plain words");
                String name = k.getValue();
                String full = key.isEmpty() ? name : key + "." + name;
                if (!allowed.contains(name)) {
                    throw error(k, full, "unknown key (known here: " + String.join(", ", allowed.stream().sorted().toList()) + ")");
                }
                // SnakeYAML checks duplicates only when it constructs objects, not in the node tree read here
                Node first = keys.putIfAbsent(name, k);
                if (first != null) {
                    throw error(k, full, "duplicate key (first at line " + (first.getStartMark().getLine() + 1)
                            + "); the second would silently replace the first");
                }
                out.put(name, t.getValueNode());
            }
            return out;
        }

        String string(Node n, String key) {
            if (!(n instanceof ScalarNode s)) throw error(n, key, "expected a value, found " + describe(n));
            return substitute(s.getValue(), n, key);
        }

        String secret(Node n, String key) {
            if (n == null) return null;
            String v = string(n, key);
            return v == null || v.isBlank() ? null : v.trim();
        }

        Path path(Node n, String key) {
            String v = string(n, key);
            if (v == null || v.isBlank()) throw error(n, key, "expected a path");
            return base.resolve(v.trim());
        }

        List<String> strings(Node n, String key) {
            if (n instanceof ScalarNode s && s.getValue().isEmpty()) return List.of();
            if (!(n instanceof SequenceNode seq)) throw error(n, key, "expected a list, found " + describe(n));
            List<String> out = new ArrayList<>();
            for (Node item : seq.getValue()) out.add(string(item, key));
            return out;
        }

        boolean bool(Node n, String key) {
            String v = String.valueOf(string(n, key)).trim();
            if ("true".equalsIgnoreCase(v)) return true;
            if ("false".equalsIgnoreCase(v)) return false;
            throw error(n, key, "expected true or false, got " + shown(n));
        }

        int integer(Node n, String key, int min, int max) {
            String v = string(n, key);
            try {
                int i = Integer.parseInt(v.trim());
                if (i < min || i > max) throw error(n, key, "must be between " + min + " and " + max + ", got " + shown(n));
                return i;
            } catch (NumberFormatException e) {
                throw error(n, key, "expected a whole number, got " + shown(n));
            }
        }

        Duration duration(Node n, String key) {
            String v = string(n, key);
            Duration d = parseDuration(v);
            if (d == null) throw error(n, key, "expected a duration like 10m, 30s, 2h or 500ms, got " + shown(n));
            return d;
        }

        String host(Node n, String key) {
            String v = string(n, key).trim();
            if (!v.matches("[A-Za-z0-9.:\\-\\[\\]]{1,253}")) throw error(n, key, "expected a host name or address like 127.0.0.1 or 0.0.0.0, got " + shown(n));
            return v;
        }

        LocalTime time(Node n, String key) {
            String v = string(n, key);
            LocalTime t = parseTime(v);
            if (t == null) throw error(n, key, "expected a time like 09:00 (24 h), got " + shown(n));
            return t;
        }

        ZoneId zone(Node n, String key) {
            String v = string(n, key);
            ZoneId z = parseZone(v);
            if (z == null) throw error(n, key, "unknown time zone " + shown(n) + " (use an IANA name like Europe/Berlin)");
            return z;
        }

        String url(Node n, String key) {
            String v = string(n, key);
            if (!v.matches("(?i)^(https?|wss?)://[^\\s]+$")) throw error(n, key, "expected an http(s) or ws(s) URL, got " + shown(n));
            return v;
        }

        String substitute(String value, Node n, String key) {
            Matcher broken = BROKEN_ENV.matcher(ENV.matcher(value).replaceAll(""));
            if (broken.find()) {
                throw error(n, key, "'" + broken.group() + "' looks like an environment reference but is not one: write ${NAME}"
                        + " (or $$ for a literal dollar sign)");
            }
            Matcher m = ENV.matcher(value);
            StringBuilder sb = new StringBuilder();
            int from = 0;
            while (m.find()) {
                // "$$" is a literal dollar in what the file says, never in what the environment gives
                sb.append(literal(value.substring(from, m.start())));
                String v = env.apply(m.group(1));
                if (v == null || v.isEmpty()) v = m.group(2) == null ? "" : m.group(2);
                sb.append(v);
                from = m.end();
            }
            return sb.append(literal(value.substring(from))).toString();
        }

        private static String literal(String fromFile) {
            return fromFile.replace("$$", "$");
        }

        /** Whether a value came (at least partly) from the environment: then its text is never shown. */
        boolean fromEnvironment(Node n) {
            return n instanceof ScalarNode s && ENV.matcher(s.getValue()).find();
        }

        /**
         * A value as it may appear in an error message: as written in the file when it refers to the
         * environment, since what the environment holds may be a secret (a token pasted into the wrong
         * variable), and errors go to the terminal and the log unredacted.
         */
        String shown(Node n) {
            if (!(n instanceof ScalarNode s)) return describe(n);
            String raw = s.getValue();
            if (ENV.matcher(raw).find()) return "'" + raw + "' (from the environment)";
            return "'" + substitute(raw, n, "") + "'";
        }

        private String describe(Node n) {
            if (n == null) return "nothing";
            if (n instanceof MappingNode) return "a mapping";
            if (n instanceof SequenceNode) return "a list";
            return "'" + ((ScalarNode) n).getValue() + "'";
        }
    }

}

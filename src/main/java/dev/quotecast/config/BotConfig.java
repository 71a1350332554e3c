package dev.quotecast.config;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * Everything {@code bot-config.yml} says, validated. A platform whose token is absent is simply off.
 *
 * @param source the file read, or null for defaults
 * @param transcriptDirs folders (or files) of transcripts
 * @param indexDir where the index persists; null keeps it in memory
 * @param stateDir where schedules and rotation state persist
 * @param zone the zone in which "today" turns over for the advice of the day
 * @param embeddings whether passages are embedded (in the background) so that questions also find
 *     answers phrased in other words
 * @param sharedState the PostgreSQL database several replicas share ({@code state.url}); null keeps
 *     state in files under {@code stateDir}, for one process
 */
public record BotConfig(Path source, List<Path> transcriptDirs, Path indexDir, Path stateDir, Cache cache, Limits limits,
                        Http http, Slack slack, Discord discord, Scheduling scheduling, List<ScheduleEntry> schedule,
                        ZoneId zone, boolean embeddings, SharedState sharedState) {

    public BotConfig {
        transcriptDirs = List.copyOf(transcriptDirs);
        schedule = List.copyOf(schedule);
    }

    /** State in files under {@code stateDir}, for one process: the default. */
    public BotConfig(Path source, List<Path> transcriptDirs, Path indexDir, Path stateDir, Cache cache, Limits limits,
                     Http http, Slack slack, Discord discord, Scheduling scheduling, List<ScheduleEntry> schedule,
                     ZoneId zone, boolean embeddings) {
        this(source, transcriptDirs, indexDir, stateDir, cache, limits, http, slack, discord, scheduling, schedule, zone, embeddings, null);
    }

    /**
     * A configuration that answers from keywords alone: no embedding model is loaded. Tests of
     * platforms, schedules and faults use it, since what they check does not depend on ranking.
     */
    public BotConfig(Path source, List<Path> transcriptDirs, Path indexDir, Path stateDir, Cache cache, Limits limits,
                     Http http, Slack slack, Discord discord, Scheduling scheduling, List<ScheduleEntry> schedule, ZoneId zone) {
        this(source, transcriptDirs, indexDir, stateDir, cache, limits, http, slack, discord, scheduling, schedule, zone, false);
    }

    public record Cache(long maxEntries, Duration ttl) {}

    /**
     * @param maxTranscriptMB a transcript file larger than this is skipped and reported, never read
     *     (a link to a device or a runaway log would otherwise be read whole at startup)
     */
    public record Limits(int perUserPerMinute, int maxQueryChars, int maxTranscriptMB) {
        public static final int DEFAULT_MAX_TRANSCRIPT_MB = 50;

        public Limits(int perUserPerMinute, int maxQueryChars) {
            this(perUserPerMinute, maxQueryChars, DEFAULT_MAX_TRANSCRIPT_MB);
        }

        public long maxTranscriptBytes() {
            return maxTranscriptMB * 1024L * 1024L;
        }
    }

    /**
     * @param host the interface to listen on: loopback unless the configuration opens it wider
     *     ({@code 0.0.0.0} in a container, behind its port mapping)
     * @param port 0 picks a free port; -1 turns the HTTP endpoint off
     */
    public record Http(String host, int port) {
        public static final String LOOPBACK = "127.0.0.1";

        public Http(int port) {
            this(LOOPBACK, port);
        }
    }

    /**
     * @param botToken {@code xoxb-...}: one workspace; null with no {@code distribution}: Slack is off
     * @param appToken {@code xapp-...}; present: Socket Mode, absent: HTTP mode
     * @param signingSecret verifies HTTP-mode requests
     * @param apiUrl Web API base, ending in {@code /}
     * @param admins user ids allowed to manage daily posts besides workspace admins
     * @param distribution the app's OAuth credentials, to be installed into many workspaces; null
     *     for one workspace with {@code botToken}
     */
    public record Slack(String botToken, String appToken, String signingSecret, String apiUrl, List<String> admins, Distribution distribution) {

        public Slack(String botToken, String appToken, String signingSecret, String apiUrl, List<String> admins) {
            this(botToken, appToken, signingSecret, apiUrl, admins, null);
        }

        public boolean enabled() {
            return (botToken != null && !botToken.isBlank()) || distributed();
        }

        /** Installed into workspaces through OAuth ({@code slack.clientId}), each answered with its own token. */
        public boolean distributed() {
            return distribution != null;
        }

        public boolean socketMode() {
            return appToken != null && !appToken.isBlank();
        }

        @Override
        public String toString() {
            return "Slack[enabled=" + enabled() + ", socketMode=" + socketMode() + ", distributed=" + distributed() + ", apiUrl=" + apiUrl + "]";
        }
    }

    /**
     * Slack OAuth v2 distribution: {@code /slack/install} offers "Add to Slack", Slack sends the
     * installer back to {@code /slack/oauth_redirect}, where the code is exchanged for the
     * workspace's bot token ({@code oauth.v2.access}).
     *
     * @param clientId the app's client id (Basic Information)
     * @param clientSecret the app's client secret; from the environment, never written in a file
     * @param redirectUri the public URL of {@code /slack/oauth_redirect}, as registered with Slack;
     *     null lets Slack use the app's only one
     * @param scopes bot scopes asked for at install
     */
    public record Distribution(String clientId, String clientSecret, String redirectUri, List<String> scopes) {

        /** The bot scopes of {@code slack-app-manifest.yml}: what the commands, mentions and daily posts use. */
        public static final List<String> MANIFEST_SCOPES = List.of("commands", "app_mentions:read", "chat:write", "chat:write.public", "users:read");

        public Distribution {
            scopes = List.copyOf(scopes);
        }

        @Override
        public String toString() {
            return "Distribution[clientId=" + clientId + ", redirectUri=" + redirectUri + ", scopes=" + scopes + "]";
        }
    }

    /**
     * @param token bot token; null: Discord is off
     * @param guilds guild ids to register slash commands on at once; empty: global
     * @param shards which of the bot's gateway shards this process runs
     */
    public record Discord(String token, List<String> guilds, String restUrl, String gatewayUrl, Shards shards) {

        public Discord(String token, List<String> guilds, String restUrl, String gatewayUrl) {
            this(token, guilds, restUrl, gatewayUrl, Shards.ONE);
        }

        public boolean enabled() {
            return token != null && !token.isBlank();
        }

        @Override
        public String toString() {
            return "Discord[enabled=" + enabled() + ", guilds=" + guilds + ", restUrl=" + restUrl + ", gatewayUrl=" + gatewayUrl + ", shards=" + shards + "]";
        }
    }

    /**
     * The gateway shards of one bot this process connects ({@code discord.shards}). Discord sends a
     * guild's events to shard {@code (guild_id >> 22) % total} only, and wants a shard per 2,500
     * guilds at most; several processes split one bot by each running some of the ids.
     *
     * @param total how many shards the bot has; 0 means "auto": as many as Discord recommends
     *     ({@code GET /gateway/bot}), every one of them run here
     * @param ids the shards run by this process, ascending; empty means all of {@code total}
     */
    public record Shards(int total, List<Integer> ids) {

        /** One shard, the whole bot: what a bot in fewer than 2,500 servers needs. */
        public static final Shards ONE = new Shards(1, List.of());

        public Shards {
            ids = List.copyOf(ids);
        }

        public boolean auto() {
            return total == 0;
        }

        /** Whether this process runs every shard of the bot (so any guild the bot is in is held here). */
        public boolean all() {
            return ids.isEmpty() || ids.size() == total;
        }

        @Override
        public String toString() {
            return auto() ? "auto" : ids.isEmpty() ? "all of " + total : ids + " of " + total;
        }
    }

    /**
     * Shared state in PostgreSQL ({@code state.url}), for several replicas of the bot: chat
     * schedules, exactly-once claims of daily posts and their retries, Slack event ids, long Discord
     * button payloads and Slack installations.
     *
     * @param url a {@code jdbc:postgresql://} URL (it may hold {@code user} and {@code password}
     *     parameters)
     * @param user the database user, when not in the URL; null otherwise
     * @param password when not in the URL; from the environment; null otherwise
     * @param maxPoolSize connections per replica at most
     * @param replicaTimeout a replica that has not said it is alive for this long is taken for dead,
     *     and the daily posts it had claimed are settled by another (longer than a send can take)
     */
    public record SharedState(String url, String user, String password, int maxPoolSize, Duration replicaTimeout) {

        public static final int DEFAULT_POOL = 8;
        public static final Duration DEFAULT_REPLICA_TIMEOUT = Duration.ofMinutes(2);

        public SharedState(String url) {
            this(url, null, null, DEFAULT_POOL, DEFAULT_REPLICA_TIMEOUT);
        }

        /** The URL without its password, for logs and errors. */
        public String safeUrl() {
            return maskPassword(url);
        }

        public SharedState withReplicaTimeout(Duration d) {
            return new SharedState(url, user, password, maxPoolSize, d);
        }

        @Override
        public String toString() {
            return "SharedState[url=" + safeUrl() + ", user=" + user + ", maxPoolSize=" + maxPoolSize + ", replicaTimeout=" + replicaTimeout + "]";
        }

        /** {@code password=...} in the query and {@code user:password@} before the host, replaced by {@code ***}. */
        public static String maskPassword(String url) {
            if (url == null) return null;
            return url.replaceAll("(?i)([?&]password=)[^&]*", "$1***").replaceAll("(//[^/@:]*:)[^/@]*@", "$1***@");
        }
    }

    /** @param catchUp a post missed while down is still sent at startup within this window */
    public record Scheduling(Duration catchUp) {}

    /**
     * One daily post from config.
     *
     * @param post {@code advice} or {@code quote:TOPIC}
     */
    public record ScheduleEntry(String platform, String channel, LocalTime at, ZoneId zone, String post, int line) {}

    public Optional<Path> indexDirectory() {
        return Optional.ofNullable(indexDir);
    }

    /** Defaults: the bundled transcripts, index in memory, no platforms. */
    public static BotConfig defaults() {
        return new BotConfig(null, List.of(Path.of("transcripts")), null, Path.of("data/state"),
                new Cache(10_000, Duration.ofMinutes(10)), new Limits(20, 300), new Http(8080),
                new Slack(null, null, null, "https://slack.com/api/", List.of()),
                new Discord(null, List.of(), "https://discord.com/api/v10/", "wss://gateway.discord.gg/"),
                new Scheduling(Duration.ofHours(2)), List.of(), ZoneId.of("UTC"), true, null);
    }

    /** Whether state is shared in a database ({@code state.url}) rather than kept in files for one process. */
    public boolean shared() {
        return sharedState != null;
    }

    public BotConfig withSharedState(SharedState s) {
        return new BotConfig(source, transcriptDirs, indexDir, stateDir, cache, limits, http, slack, discord, scheduling, schedule, zone, embeddings, s);
    }

    public BotConfig withTranscripts(List<Path> dirs) {
        return new BotConfig(source, dirs, indexDir, stateDir, cache, limits, http, slack, discord, scheduling, schedule, zone, embeddings, sharedState);
    }

    public BotConfig withIndexDir(Path dir) {
        return new BotConfig(source, transcriptDirs, dir, stateDir, cache, limits, http, slack, discord, scheduling, schedule, zone, embeddings, sharedState);
    }

    public BotConfig withHttp(Http h) {
        return new BotConfig(source, transcriptDirs, indexDir, stateDir, cache, limits, h, slack, discord, scheduling, schedule, zone, embeddings, sharedState);
    }

    public BotConfig withStateDir(Path dir) {
        return new BotConfig(source, transcriptDirs, indexDir, dir, cache, limits, http, slack, discord, scheduling, schedule, zone, embeddings, sharedState);
    }

    public BotConfig withSlack(Slack s) {
        return new BotConfig(source, transcriptDirs, indexDir, stateDir, cache, limits, http, s, discord, scheduling, schedule, zone, embeddings, sharedState);
    }

    public BotConfig withEmbeddings(boolean on) {
        return new BotConfig(source, transcriptDirs, indexDir, stateDir, cache, limits, http, slack, discord, scheduling, schedule, zone, on, sharedState);
    }

    public BotConfig withDiscord(Discord d) {
        return new BotConfig(source, transcriptDirs, indexDir, stateDir, cache, limits, http, slack, d, scheduling, schedule, zone, embeddings, sharedState);
    }
}

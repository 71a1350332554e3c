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
 */
public record BotConfig(Path source, List<Path> transcriptDirs, Path indexDir, Path stateDir, Cache cache, Limits limits,
                        Http http, Slack slack, Discord discord, Scheduling scheduling, List<ScheduleEntry> schedule,
                        ZoneId zone, boolean embeddings) {

    public BotConfig {
        transcriptDirs = List.copyOf(transcriptDirs);
        schedule = List.copyOf(schedule);
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
     * @param botToken {@code xoxb-...}; null: Slack is off
     * @param appToken {@code xapp-...}; present: Socket Mode, absent: HTTP mode
     * @param signingSecret verifies HTTP-mode requests
     * @param apiUrl Web API base, ending in {@code /}
     * @param admins user ids allowed to manage daily posts besides workspace admins
     */
    public record Slack(String botToken, String appToken, String signingSecret, String apiUrl, List<String> admins) {
        public boolean enabled() {
            return botToken != null && !botToken.isBlank();
        }

        public boolean socketMode() {
            return appToken != null && !appToken.isBlank();
        }

        @Override
        public String toString() {
            return "Slack[enabled=" + enabled() + ", socketMode=" + socketMode() + ", apiUrl=" + apiUrl + "]";
        }
    }

    /**
     * @param token bot token; null: Discord is off
     * @param guilds guild ids to register slash commands on at once; empty: global
     */
    public record Discord(String token, List<String> guilds, String restUrl, String gatewayUrl) {
        public boolean enabled() {
            return token != null && !token.isBlank();
        }

        @Override
        public String toString() {
            return "Discord[enabled=" + enabled() + ", guilds=" + guilds + ", restUrl=" + restUrl + ", gatewayUrl=" + gatewayUrl + "]";
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
                new Scheduling(Duration.ofHours(2)), List.of(), ZoneId.of("UTC"), true);
    }

    public BotConfig withTranscripts(List<Path> dirs) {
        return new BotConfig(source, dirs, indexDir, stateDir, cache, limits, http, slack, discord, scheduling, schedule, zone, embeddings);
    }

    public BotConfig withIndexDir(Path dir) {
        return new BotConfig(source, transcriptDirs, dir, stateDir, cache, limits, http, slack, discord, scheduling, schedule, zone, embeddings);
    }

    public BotConfig withHttp(Http h) {
        return new BotConfig(source, transcriptDirs, indexDir, stateDir, cache, limits, h, slack, discord, scheduling, schedule, zone, embeddings);
    }

    public BotConfig withStateDir(Path dir) {
        return new BotConfig(source, transcriptDirs, indexDir, dir, cache, limits, http, slack, discord, scheduling, schedule, zone, embeddings);
    }

    public BotConfig withSlack(Slack s) {
        return new BotConfig(source, transcriptDirs, indexDir, stateDir, cache, limits, http, s, discord, scheduling, schedule, zone, embeddings);
    }

    public BotConfig withEmbeddings(boolean on) {
        return new BotConfig(source, transcriptDirs, indexDir, stateDir, cache, limits, http, slack, discord, scheduling, schedule, zone, on);
    }

    public BotConfig withDiscord(Discord d) {
        return new BotConfig(source, transcriptDirs, indexDir, stateDir, cache, limits, http, slack, d, scheduling, schedule, zone, embeddings);
    }
}

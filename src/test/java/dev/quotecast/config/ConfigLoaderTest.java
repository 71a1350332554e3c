package dev.quotecast.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigLoaderTest {

    static final Path BASE = Path.of("/srv/bot");
    final Map<String, String> env = Map.of("SLACK_BOT_TOKEN", "xoxb-secret", "SLACK_SIGNING_SECRET", "shh", "DISCORD_BOT_TOKEN", "");

    BotConfig parse(String yaml) {
        return new ConfigLoader(env::get).parse("bot-config.yml", new StringReader(yaml), BASE);
    }

    ConfigException error(String yaml) {
        try {
            parse(yaml);
        } catch (ConfigException e) {
            return e;
        }
        throw new AssertionError("expected a ConfigException for:\n" + yaml);
    }

    @Test
    void fullConfigIsReadWithEnvironmentSubstitution() {
        BotConfig c = parse("""
                transcripts: { dir: transcripts }
                index: { dir: data/index }
                state: { dir: data/state }
                cache: { maxEntries: 500, ttl: 10m }
                limits: { perUserPerMinute: 5, maxQueryChars: 200 }
                http: { port: 9090 }
                zone: Europe/Berlin
                slack:
                  botToken: ${SLACK_BOT_TOKEN}
                  appToken: ${SLACK_APP_TOKEN}
                  signingSecret: ${SLACK_SIGNING_SECRET}
                  apiUrl: http://127.0.0.1:1234/api
                discord:
                  token: ${DISCORD_BOT_TOKEN}
                  guilds: ["123456789012345678"]
                scheduling: { catchUp: 90m }
                schedule:
                  - { platform: slack, channel: C0123ABCD, at: "09:00", zone: Europe/Berlin, post: advice }
                  - { platform: discord, channel: "123456789012345678", at: "08:30", zone: America/New_York, post: "quote:learning" }
                """);
        assertThat(c.transcriptDirs()).containsExactly(BASE.resolve("transcripts"));
        assertThat(c.indexDir()).isEqualTo(BASE.resolve("data/index"));
        assertThat(c.cache()).isEqualTo(new BotConfig.Cache(500, Duration.ofMinutes(10)));
        assertThat(c.limits()).isEqualTo(new BotConfig.Limits(5, 200));
        assertThat(c.http().port()).isEqualTo(9090);
        assertThat(c.zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(c.slack().enabled()).isTrue();
        assertThat(c.slack().botToken()).isEqualTo("xoxb-secret");
        assertThat(c.slack().socketMode()).isFalse();
        assertThat(c.slack().apiUrl()).isEqualTo("http://127.0.0.1:1234/api/");
        assertThat(c.discord().enabled()).as("empty env var: platform off").isFalse();
        assertThat(c.discord().guilds()).containsExactly("123456789012345678");
        assertThat(c.scheduling().catchUp()).isEqualTo(Duration.ofMinutes(90));
        assertThat(c.schedule()).hasSize(2);
        assertThat(c.schedule().get(1).at()).isEqualTo(LocalTime.of(8, 30));
        assertThat(c.schedule().get(1).post()).isEqualTo("quote:learning");
        assertThat(c.toString()).doesNotContain("xoxb-secret").doesNotContain("shh");
    }

    @Test
    void emptyFileGivesDefaults() {
        BotConfig c = parse("");
        assertThat(c.transcriptDirs()).containsExactly(BASE.resolve("transcripts"));
        assertThat(c.indexDir()).isNull();
        assertThat(c.slack().enabled()).isFalse();
        assertThat(c.discord().enabled()).isFalse();
        assertThat(c.cache().maxEntries()).isEqualTo(10_000);
    }

    @Test
    void passageEmbeddingsAreOnUnlessTurnedOff() {
        assertThat(parse("").embeddings()).isTrue();
        assertThat(parse("index: { dir: data/index }").embeddings()).isTrue();
        assertThat(parse("index: { embeddings: false }").embeddings()).isFalse();
        ConfigException e = error("index:\n  embeddings: sometimes\n");
        assertThat(e.key()).isEqualTo("index.embeddings");
        assertThat(e.line()).isEqualTo(2);
        assertThat(e.getMessage()).contains("expected true or false, got 'sometimes'");
    }

    @Test
    void withoutAFileTokensStillComeFromTheEnvironment() {
        BotConfig c = new ConfigLoader(env::get).defaults(BASE);
        assertThat(c.slack().enabled()).isTrue();
        assertThat(c.slack().signingSecret()).isEqualTo("shh");
        assertThat(c.discord().enabled()).isFalse();
        assertThat(c.transcriptDirs()).containsExactly(BASE.resolve("transcripts"));
        assertThat(new ConfigLoader(k -> null).defaults(BASE).slack().enabled()).isFalse();
    }

    @Test
    void unknownKeyIsNamedWithItsLine() {
        ConfigException e = error("cache:\n  maxEntries: 10\n  ttll: 5m\n");
        assertThat(e.key()).isEqualTo("cache.ttll");
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.getMessage()).startsWith("bot-config.yml:3: cache.ttll: unknown key");
        assertThat(error("slak: {}\n").key()).isEqualTo("slak");
    }

    @Test
    void wrongTypesAreNamed() {
        assertThat(error("cache: { maxEntries: lots }\n").getMessage()).contains("cache.maxEntries").contains("whole number");
        assertThat(error("cache: [1, 2]\n").getMessage()).contains("cache").contains("mapping");
        assertThat(error("http: { port: 70000 }\n").getMessage()).contains("http.port").contains("between");
        assertThat(error("cache: { ttl: soon }\n").getMessage()).contains("cache.ttl").contains("duration");
        assertThat(error("discord: { guilds: abc }\n").getMessage()).contains("discord.guilds");
    }

    @Test
    void badZonesAndTimesAreNamedWithTheirLine() {
        ConfigException zone = error("schedule:\n  - { platform: slack, channel: C1, at: \"09:00\", zone: Mars/Olympus }\n");
        assertThat(zone.key()).isEqualTo("schedule[0].zone");
        assertThat(zone.line()).isEqualTo(2);
        assertThat(zone.getMessage()).contains("Mars/Olympus");
        ConfigException time = error("schedule:\n  - platform: slack\n    channel: C1\n    at: \"25:00\"\n    zone: UTC\n");
        assertThat(time.key()).isEqualTo("schedule[0].at");
        assertThat(time.line()).isEqualTo(4);
        assertThat(error("zone: Nowhere/Land\n").key()).isEqualTo("zone");
        assertThat(error("schedule:\n  - { platform: teams, channel: C1, at: \"09:00\", zone: UTC }\n").key()).isEqualTo("schedule[0].platform");
        assertThat(error("schedule:\n  - { platform: slack, channel: C1, at: \"09:00\", zone: UTC, post: poem }\n").key()).isEqualTo("schedule[0].post");
        assertThat(error("schedule:\n  - { platform: slack, at: \"09:00\", zone: UTC }\n").key()).isEqualTo("schedule[0].channel");
    }

    @Test
    void slackHttpModeNeedsASigningSecret() {
        ConfigLoader loader = new ConfigLoader(Map.of("T", "xoxb-1")::get);
        assertThatThrownBy(() -> loader.parse("bot-config.yml", new StringReader("slack:\n  botToken: ${T}\n"), BASE))
                .isInstanceOf(ConfigException.class).hasMessageContaining("slack.signingSecret");
        BotConfig socket = new ConfigLoader(Map.of("T", "xoxb-1", "A", "xapp-1")::get)
                .parse("bot-config.yml", new StringReader("slack:\n  botToken: ${T}\n  appToken: ${A}\n"), BASE);
        assertThat(socket.slack().socketMode()).isTrue();
    }

    @Test
    void invalidYamlIsReportedWithItsLine() {
        ConfigException e = error("cache:\n  maxEntries: 10\n   ttl: [\n");
        assertThat(e.getMessage()).contains("not valid YAML");
        assertThat(e.line()).isGreaterThan(0);
    }

    @Test
    void durationsTimesAndZones() {
        assertThat(ConfigLoader.parseDuration("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(ConfigLoader.parseDuration("2h")).isEqualTo(Duration.ofHours(2));
        assertThat(ConfigLoader.parseDuration("2 hours")).isNull();
        assertThat(ConfigLoader.parseTime("9:05")).isEqualTo(LocalTime.of(9, 5));
        assertThat(ConfigLoader.parseTime("24:00")).isNull();
        assertThat(ConfigLoader.parseZone("America/New_York")).isEqualTo(ZoneId.of("America/New_York"));
        assertThat(ConfigLoader.parseZone("EST5EDT ")).isNotNull();
        assertThat(ConfigLoader.parseZone("Berlin")).isNull();
    }

    @Test
    void bundledConfigIsValid() {
        BotConfig c = ConfigLoader.fromEnvironment().load(Path.of("bot-config.yml"));
        assertThat(c.transcriptDirs()).hasSize(1);
        assertThat(c.transcriptDirs().get(0).getFileName().toString()).isEqualTo("transcripts");
    }

    // ---- issue 18: a configuration can no longer lose files, drop keys or leak secrets -------------

    @Test
    void anIndexFolderThatOverlapsTranscriptsOrStateIsRefusedNamingBothKeys() {
        ConfigException same = error("transcripts: { dir: transcripts }\nindex: { dir: transcripts }\n");
        assertThat(same.getMessage()).contains("bot-config.yml:2").contains("index.dir").contains("transcripts.dir").contains("same folder");
        ConfigException inside = error("transcripts: { dir: tr }\nindex: { dir: tr/index }\n");
        assertThat(inside.getMessage()).contains("index.dir").contains("lies inside").contains("transcripts.dir");
        ConfigException contains = error("index: { dir: data }\nstate: { dir: data/state }\n");
        assertThat(contains.getMessage()).contains("index.dir").contains("contains").contains("state.dir");
        // the folders the index keeps beside itself are its own too
        ConfigException beside = error("transcripts: { dir: data/index.parsed }\nindex: { dir: data/index }\n");
        assertThat(beside.getMessage()).contains("index.parsed").contains("transcripts.dir");
        assertThat(parse("transcripts: { dir: transcripts }\nindex: { dir: data/index }\nstate: { dir: data/state }\n").indexDir())
                .isEqualTo(BASE.resolve("data/index"));
    }

    @Test
    void aDuplicateKeyIsRefusedWithBothLines() {
        ConfigException e = error("index: { dir: data/index }\ncache: { ttl: 5m }\nindex: { embeddings: false }\n");
        assertThat(e.getMessage()).contains("bot-config.yml:3").contains("index").contains("duplicate key (first at line 1)");
        ConfigException nested = error("slack:\n  apiUrl: https://a.example/\n  apiUrl: https://b.example/\n");
        assertThat(nested.getMessage()).contains(":3").contains("slack.apiUrl").contains("line 2");
    }

    @Test
    void aBrokenEnvironmentReferenceIsRefusedNotTakenAsTheToken() {
        assertThat(error("slack:\n  botToken: $SLACK_BOT_TOKEN\n").getMessage())
                .contains("slack.botToken").contains("'$SLACK_BOT_TOKEN'").contains("${NAME}");
        assertThat(error("slack:\n  botToken: ${SLACK_APP_TOKEN\n").getMessage()).contains("slack.botToken").contains("${SLACK_APP_TOKEN");
        // a literal dollar is written $$; a well-formed reference still works beside it
        BotConfig c = new ConfigLoader(Map.of("T", "xoxb-1", "S", "s$$1")::get)
                .parse("bot-config.yml", new StringReader("slack:\n  botToken: ${T}\n  signingSecret: pre$$${S}\n"), BASE);
        assertThat(c.slack().signingSecret()).isEqualTo("pre$s$$1");
    }

    @Test
    void anInvalidValueFromTheEnvironmentIsNamedByItsVariableNeverShown() {
        Map<String, String> secrets = Map.of("SLACK_API", "sig-secret-0123456789", "GUILD", "MTAxMjM0NTY3ODkw.secret", "PORT", "xoxb-99999");
        ConfigLoader loader = new ConfigLoader(secrets::get);
        for (String yaml : List.of("slack:\n  botToken: x\n  appToken: y\n  apiUrl: ${SLACK_API}\n",
                "discord:\n  guilds: [\"${GUILD}\"]\n", "http: { port: \"${PORT}\" }\n")) {
            try {
                loader.parse("bot-config.yml", new StringReader(yaml), BASE);
                throw new AssertionError("expected an error for " + yaml);
            } catch (ConfigException e) {
                for (String secret : secrets.values()) assertThat(e.getMessage()).doesNotContain(secret);
                assertThat(e.getMessage()).containsAnyOf("${SLACK_API}", "${GUILD}", "${PORT}").contains("from the environment");
            }
        }
    }

    @Test
    void transcriptSizeLimitAndHttpHost() {
        BotConfig c = parse("transcripts: { dir: t, maxFileMB: 5 }\nhttp: { host: 0.0.0.0, port: 9000 }\n");
        assertThat(c.limits().maxTranscriptBytes()).isEqualTo(5L << 20);
        assertThat(c.http()).isEqualTo(new BotConfig.Http("0.0.0.0", 9000));
        assertThat(parse("").http().host()).isEqualTo("127.0.0.1");
        assertThat(error("transcripts: { dir: t, maxFileMB: 0 }\n").getMessage()).contains("transcripts.maxFileMB");
    }
}

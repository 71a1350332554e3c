package dev.quotecast.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The settings of issue 16: {@code state.url}, Slack OAuth distribution and {@code discord.shards}. */
class ScaleConfigTest {

    static final Path BASE = Path.of("/srv/bot");
    final Map<String, String> env = Map.of("QC_DB_PASSWORD", "s3cret-db", "SLACK_CLIENT_SECRET", "client-s3cret",
            "SLACK_SIGNING_SECRET", "shh", "QC_URL_WITH_PASSWORD", "jdbc:mysql://db/x?password=hunter2");

    BotConfig parse(String yaml) {
        return new ConfigLoader(env::get).parse("bot-config.yml", new StringReader(yaml), BASE);
    }

    String error(String yaml) {
        try {
            parse(yaml);
        } catch (ConfigException e) {
            return e.getMessage();
        }
        throw new AssertionError("expected a ConfigException for:\n" + yaml);
    }

    @Test
    void withoutAUrlStateStaysInFiles() {
        BotConfig c = parse("state: { dir: data/state }\n");
        assertThat(c.shared()).isFalse();
        assertThat(c.stateDir()).isEqualTo(BASE.resolve("data/state"));
        assertThat(parse("state: { url: \"${UNSET_URL}\" }\n").shared()).as("an unset variable: files").isFalse();
    }

    @Test
    void aPostgresUrlSharesState() {
        BotConfig c = parse("""
                state:
                  url: jdbc:postgresql://db.example.com:5432/quotecast
                  user: quotecast
                  password: ${QC_DB_PASSWORD}
                  pool: 4
                  replicaTimeout: 45s
                """);
        assertThat(c.shared()).isTrue();
        assertThat(c.sharedState()).isEqualTo(new BotConfig.SharedState("jdbc:postgresql://db.example.com:5432/quotecast", "quotecast",
                "s3cret-db", 4, Duration.ofSeconds(45)));
        assertThat(c.sharedState().toString()).doesNotContain("s3cret-db");
        assertThat(c.toString()).doesNotContain("s3cret-db");
    }

    @Test
    void badStateSettingsNameTheKeyAndNeverShowAPassword() {
        String literal = error("state: { url: \"jdbc:mysql://db/x?user=a&password=hunter2\" }\n");
        assertThat(literal).contains("state.url").contains("jdbc:postgresql://").contains("password=***").doesNotContain("hunter2");
        String fromEnv = error("state: { url: \"${QC_URL_WITH_PASSWORD}\" }\n");
        assertThat(fromEnv).contains("state.url").contains("${QC_URL_WITH_PASSWORD}").doesNotContain("hunter2");
        assertThat(error("state: { url: \"jdbc:postgresql://u:hunter2@db/x\", pool: 1 }\n")).contains("state.pool").doesNotContain("hunter2");
        assertThat(error("state: { user: someone }\n")).contains("state.user").contains("state.url");
        assertThat(error("state: { url: \"jdbc:postgresql://db/x\", replicaTimeout: 1s }\n")).contains("state.replicaTimeout");
        assertThat(BotConfig.SharedState.maskPassword("jdbc:postgresql://u:hunter2@db/x?password=hunter2&ssl=true"))
                .isEqualTo("jdbc:postgresql://u:***@db/x?password=***&ssl=true");
    }

    @Test
    void slackOAuthDistribution() {
        BotConfig c = parse("""
                http: { port: 8080 }
                slack:
                  clientId: "1234.5678"
                  clientSecret: ${SLACK_CLIENT_SECRET}
                  signingSecret: ${SLACK_SIGNING_SECRET}
                  redirectUri: https://bot.example.com/slack/oauth_redirect
                """);
        assertThat(c.slack().enabled()).isTrue();
        assertThat(c.slack().distributed()).isTrue();
        assertThat(c.slack().distribution()).isEqualTo(new BotConfig.Distribution("1234.5678", "client-s3cret",
                "https://bot.example.com/slack/oauth_redirect", BotConfig.Distribution.MANIFEST_SCOPES));
        assertThat(c.slack().toString()).doesNotContain("client-s3cret");
        assertThat(c.slack().distribution().toString()).doesNotContain("client-s3cret");
    }

    @Test
    void slackOAuthMistakesNameTheKey() {
        assertThat(error("slack: { clientId: \"1.2\", signingSecret: x }\n")).contains("slack.clientSecret");
        assertThat(error("slack: { clientSecret: x, signingSecret: x }\n")).contains("slack.clientId");
        assertThat(error("slack: { clientId: \"1.2\", clientSecret: x, botToken: xoxb-1, signingSecret: x }\n")).contains("slack.botToken");
        assertThat(error("http: { port: -1 }\nslack: { clientId: \"1.2\", clientSecret: x, signingSecret: x }\n")).contains("slack.clientId").contains("http.port");
        assertThat(error("slack: { clientId: \"1.2\", clientSecret: x }\n")).contains("slack.signingSecret");
        assertThat(error("slack: { botToken: xoxb-1, signingSecret: x, redirectUri: https://x/y }\n")).contains("slack.redirectUri");
        assertThat(error("slack: { clientId: \"1.2\", clientSecret: x, signingSecret: x, scopes: [\"Chat Write\"] }\n")).contains("slack.scopes");
    }

    @Test
    void discordShards() {
        assertThat(parse("discord: { token: t }\n").discord().shards()).isEqualTo(BotConfig.Shards.ONE);
        assertThat(parse("discord: { token: t, shards: { total: auto } }\n").discord().shards().auto()).isTrue();
        BotConfig.Shards some = parse("discord: { token: t, shards: { total: 8, ids: \"0-3\" } }\n").discord().shards();
        assertThat(some).isEqualTo(new BotConfig.Shards(8, List.of(0, 1, 2, 3)));
        assertThat(some.all()).isFalse();
        assertThat(parse("discord: { token: t, shards: { total: 4, ids: \"0,2-3,1\" } }\n").discord().shards().all()).isTrue();
        assertThat(parse("discord: { token: t, shards: { total: 6, ids: [\"1\", \"4-5\"] } }\n").discord().shards().ids()).containsExactly(1, 4, 5);
    }

    @Test
    void discordShardMistakesNameTheKey() {
        assertThat(error("discord: { token: t, shards: { ids: \"0-3\" } }\n")).contains("discord.shards.total");
        assertThat(error("discord: { token: t, shards: { total: many } }\n")).contains("discord.shards.total");
        assertThat(error("discord: { token: t, shards: { total: auto, ids: \"0-1\" } }\n")).contains("discord.shards.ids").contains("auto");
        assertThat(error("discord: { token: t, shards: { total: 4, ids: \"2-5\" } }\n")).contains("discord.shards.ids").contains("0-3");
        assertThat(error("discord: { token: t, shards: { total: 4, ids: \"x\" } }\n")).contains("discord.shards.ids");
        assertThat(error("discord: { token: t, shards: { total: 4, count: 2 } }\n")).contains("discord.shards.count");
    }
}

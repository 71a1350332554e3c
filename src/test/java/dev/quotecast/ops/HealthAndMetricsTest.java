package dev.quotecast.ops;

import static dev.quotecast.ops.OpsTesting.get;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quotecast.ChatPlatform;
import dev.quotecast.Engine;
import dev.quotecast.bot.Command;
import dev.quotecast.bot.Reply;
import dev.quotecast.bot.Request;
import dev.quotecast.config.BotConfig;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** /healthz and /metrics of a started bot: the real engine on the seed transcript, HTTP on a free port. */
class HealthAndMetricsTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static Engine engine;
    static BotRuntime bot;
    static final OpsTesting.ControlledPlatform discord = new OpsTesting.ControlledPlatform("discord");

    @BeforeAll
    static void start() {
        engine = Engine.start(BotConfig.defaults().withEmbeddings(false).withTranscripts(List.of(Path.of("transcripts"))));
        bot = BotRuntime.start(engine, new HttpEndpoint("127.0.0.1", 0), List.<ChatPlatform>of(discord), List.of(),
                BotRuntime.Options.defaults());
    }

    @AfterAll
    static void stop() {
        if (bot != null) bot.stop();
    }

    @Test
    void healthzIsReadyOnlyWhenEveryPlatformIsConnected() throws Exception {
        discord.connected = false;
        HttpResponse<String> down = get(bot.port(), "/healthz");
        assertThat(down.statusCode()).isEqualTo(503);
        assertThat(down.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode d = JSON.readTree(down.body());
        assertThat(d.get("status").asText()).isEqualTo("unavailable");
        assertThat(d.get("notReady").toString()).contains("discord: not connected");
        assertThat(d.get("platforms").get("discord").asBoolean()).isFalse();

        discord.connected = true;
        HttpResponse<String> up = get(bot.port(), "/healthz");
        assertThat(up.statusCode()).isEqualTo(200);
        JsonNode u = JSON.readTree(up.body());
        assertThat(u.get("status").asText()).isEqualTo("ok");
        assertThat(u.get("episodes").asInt()).isEqualTo(1);
        assertThat(u.get("passages").asLong()).isGreaterThan(100);
        assertThat(u.get("platforms").get("discord").asBoolean()).isTrue();
        assertThat(u.has("notReady")).isFalse();
        assertThat(discord.started).isTrue();
    }

    @Test
    void healthzSaysWhatIsNotReadyWhileLoadingOrStopping() {
        Health loading = new Health(() -> null, List::of, () -> false);
        assertThat(loading.status().ready()).isFalse();
        assertThat(loading.status().notReady()).containsExactly("index: loading");

        Health stopping = new Health(engine::content, List::of, () -> true);
        assertThat(stopping.status().ready()).isFalse();
        assertThat(stopping.status().notReady()).containsExactly("shutting down");
        assertThat(stopping.status().episodes()).isEqualTo(1);
    }

    @Test
    void metricsCountCommandsLatencyCacheIndexPostsAndTheJvm() throws Exception {
        Request quote = Request.of("metrics-test", "u1", new Command.Quote("habits", 0));
        assertThat(engine.commands().handle(quote)).isInstanceOf(Reply.QuoteReply.class);
        assertThat(engine.commands().handle(quote)).isInstanceOf(Reply.QuoteReply.class); // from the cache
        engine.commands().handle(Request.of("metrics-test", "u1", new Command.Invalid("nope")));
        bot.metrics().scheduledPost("slack", true);
        bot.metrics().scheduledPost("slack", false);
        bot.metrics().scheduledPost("slack", false);

        HttpResponse<String> r = get(bot.port(), "/metrics");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
        String m = r.body();
        assertThat(m).contains("quotecast_commands_total{cache=\"miss\",command=\"quote\",outcome=\"ok\",platform=\"metrics-test\"} 1.0");
        assertThat(m).contains("quotecast_commands_total{cache=\"hit\",command=\"quote\",outcome=\"ok\",platform=\"metrics-test\"} 1.0");
        assertThat(m).contains("quotecast_commands_total{cache=\"miss\",command=\"invalid\",outcome=\"bad_request\",platform=\"metrics-test\"} 1.0");
        assertThat(m).containsPattern("quotecast_command_latency_seconds_bucket\\{command=\"quote\",platform=\"metrics-test\",le=\"[0-9.]+\"\\} 2");
        assertThat(m).contains("quotecast_command_latency_seconds_count{command=\"quote\",platform=\"metrics-test\"} 2");
        assertThat(m).containsPattern("quotecast_cache_requests_total\\{result=\"hit\"\\} [1-9]");
        assertThat(m).containsPattern("quotecast_cache_requests_total\\{result=\"miss\"\\} [1-9]");
        assertThat(m).contains("quotecast_episodes_indexed 1.0");
        assertThat(m).containsPattern("quotecast_passages_indexed [1-9][0-9]{2,}");
        assertThat(m).contains("quotecast_scheduled_posts_total{outcome=\"sent\",platform=\"slack\"} 1.0");
        assertThat(m).contains("quotecast_scheduled_posts_total{outcome=\"failed\",platform=\"slack\"} 2.0");
        assertThat(m).contains("jvm_memory_used_bytes{area=\"heap\"");
        assertThat(m).contains("jvm_threads_live_threads");
        assertThat(m).contains("process_uptime_seconds");
    }

    @Test
    void unknownPathsAndMethodsAreRefused() throws Exception {
        assertThat(get(bot.port(), "/metricsx").statusCode()).isEqualTo(404);
        assertThat(get(bot.port(), "/healthz/deep").statusCode()).isEqualTo(404);
        assertThat(get(bot.port(), "/nothing-here").statusCode()).isEqualTo(404);
    }

    @Test
    void portZeroPicksAFreePort() {
        assertThat(bot.port()).isPositive();
    }
}

package dev.quotecast.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quotecast.Engine;
import dev.quotecast.config.BotConfig;
import dev.quotecast.config.ConfigException;
import dev.quotecast.config.ConfigLoader;
import java.io.StringReader;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Schedules written in {@code bot-config.yml}, read by the real loader. */
class ConfigScheduleTest {

    static Engine engine;

    @BeforeAll
    static void up() {
        engine = Fixtures.engine();
    }

    @AfterAll
    static void down() throws Exception {
        engine.close();
    }

    private static BotConfig load(Path dir, String schedule) {
        String yaml = "state: { dir: state }\nscheduling: { catchUp: 45m }\nschedule:\n" + schedule;
        return new ConfigLoader(k -> null).parse("bot-config.yml", new StringReader(yaml), dir);
    }

    @Test
    void configEntriesBecomeTargetsWithStableIds(@TempDir Path dir) {
        BotConfig c = load(dir, """
                  - { platform: slack, channel: C0123ABCD, at: "09:00", zone: Europe/Berlin, post: advice }
                  - { platform: discord, channel: "123456789012345678", at: "08:30", zone: America/New_York, post: "quote:learning" }
                  - { platform: slack, channel: C0123ABCD, at: "17:00", zone: Europe/Berlin, post: advice }
                """);
        assertThat(c.scheduling().catchUp()).isEqualTo(Duration.ofMinutes(45));
        MutableClock clock = new MutableClock(Instant.parse("2025-06-01T00:00:00Z"));
        try (DailyScheduler s = new DailyScheduler(c, new DailyContent(engine.commands()), List.of(), clock, Fixtures.retry())) {
            assertThat(s.targets()).extracting(Target::id).containsExactly(
                    "config:slack:C0123ABCD:advice@09:00",
                    "config:discord:123456789012345678:quote:learning",
                    "config:slack:C0123ABCD:advice@17:00");
            assertThat(s.targets()).allMatch(t -> t.origin() == Target.Origin.CONFIG);
            assertThat(dir.resolve("state").resolve(DailyScheduler.LEDGER_FILE)).exists();
        }
    }

    @Test
    void aTopicThatIsNotPlainWordsIsAConfigErrorNamingTheLine(@TempDir Path dir) {
        BotConfig c = load(dir, """
                  - { platform: slack, channel: C1, at: "09:00", zone: Europe/Berlin, post: advice }
                  - { platform: slack, channel: C1, at: "09:00", zone: Europe/Berlin, post: "quote:<!channel>" }
                """);
        MutableClock clock = new MutableClock(Instant.parse("2025-06-01T00:00:00Z"));
        assertThatThrownBy(() -> new DailyScheduler(c, new DailyContent(engine.commands()), List.of(), clock, Fixtures.retry()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("bot-config.yml:5")
                .hasMessageContaining("schedule[1].post")
                .hasMessageContaining("plain words");
        // the folder lock was not left behind by the failed start
        new DailyScheduler(load(dir, "  []\n"), new DailyContent(engine.commands()), List.of(), clock, Fixtures.retry()).close();
    }
}

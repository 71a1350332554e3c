package dev.quotecast.schedule;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.quotecast.Engine;
import dev.quotecast.config.BotConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import org.slf4j.LoggerFactory;

/** Builders shared by the schedule tests. */
final class Fixtures {
    private Fixtures() {}

    /** The real engine over the bundled seed transcript (close it after). */
    static Engine engine() {
        return Engine.start(BotConfig.defaults().withEmbeddings(false).withTranscripts(List.of(Path.of("transcripts"))));
    }

    static BotConfig.ScheduleEntry entry(String platform, String channel, String at, String zone, String post) {
        return new BotConfig.ScheduleEntry(platform, channel, LocalTime.parse(at), ZoneId.of(zone), post, 0);
    }

    /** A config with this state folder, these schedules and this catch-up window. */
    static BotConfig config(Path stateDir, Duration catchUp, BotConfig.ScheduleEntry... schedule) {
        BotConfig d = BotConfig.defaults().withEmbeddings(false);
        return new BotConfig(null, List.of(Path.of("transcripts")), null, stateDir, d.cache(), d.limits(), d.http(), d.slack(),
                d.discord(), new BotConfig.Scheduling(catchUp), List.of(schedule), d.zone());
    }

    static BotConfig config(Path stateDir, BotConfig.ScheduleEntry... schedule) {
        return config(stateDir, Duration.ofHours(2), schedule);
    }

    /** Fast retries for tests: 3 attempts, 30 s then 60 s. */
    static RetryPolicy retry() {
        return new RetryPolicy(3, Duration.ofSeconds(30), Duration.ofMinutes(5));
    }

    /** Captures what a class logs, to check messages name the target. */
    static ListAppender<ILoggingEvent> captureLogs(Class<?> type) {
        Logger logger = (Logger) LoggerFactory.getLogger(type);
        ListAppender<ILoggingEvent> app = new ListAppender<>();
        app.start();
        logger.addAppender(app);
        return app;
    }

    static void stopCapture(Class<?> type, ListAppender<ILoggingEvent> app) {
        ((Logger) LoggerFactory.getLogger(type)).detachAppender(app);
    }

    /** The messages so far, copied under the appender's lock: the scheduler's threads may still be logging. */
    static List<String> messages(ListAppender<ILoggingEvent> app) {
        List<ILoggingEvent> events;
        synchronized (app) {
            events = List.copyOf(app.list);
        }
        return events.stream().map(e -> e.getLevel() + " " + e.getFormattedMessage()).toList();
    }
}

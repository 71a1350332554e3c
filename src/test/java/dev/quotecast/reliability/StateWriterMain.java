package dev.quotecast.reliability;

import dev.quotecast.Engine;
import dev.quotecast.config.BotConfig;
import dev.quotecast.schedule.DailyPost;
import dev.quotecast.schedule.DailyScheduler;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;

/**
 * Run in a child JVM by {@link DurabilityKillTest}: writes daily-post schedules through the real
 * {@link DailyScheduler} (so the real {@code ScheduleStore} and {@code StateFile}) as fast as it
 * can, and prints the number of each write once it is durable. Write {@code i} sets channel
 * {@code C(i % 20)} to {@code i % 1440} minutes past midnight, by user {@code U(i)}, so the parent
 * can compute what the file must hold after any write.
 *
 * <p>args: state folder, an (empty) transcripts folder
 */
public final class StateWriterMain {

    static final int CHANNELS = 20;

    static LocalTime timeOf(long i) {
        return LocalTime.ofSecondOfDay((i % 1440) * 60);
    }

    public static void main(String[] args) throws Exception {
        BotConfig config = BotConfig.defaults().withEmbeddings(false).withTranscripts(List.of(Path.of(args[1]))).withStateDir(Path.of(args[0]));
        try (Engine engine = Engine.start(config);
             DailyScheduler scheduler = DailyScheduler.open(config, engine.commands(), List.of(), Clock.systemUTC())) {
            for (long i = 0; ; i++) {
                scheduler.setChatSchedule("slack", "C" + (i % CHANNELS), timeOf(i), ZoneId.of("UTC"), new DailyPost.Advice(), "U" + i);
                System.out.println(i);
                System.out.flush();
            }
        }
    }
}

package dev.quotecast.discord;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quotecast.bot.Command;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ButtonIdsTest {

    final ButtonIds ids = new ButtonIds(3, Duration.ofHours(1));

    @Test
    void shortCommandsTravelInTheIdItself() {
        assertThat(ids.encode(new Command.Quote("habits", 2))).isEqualTo("q:2:habits");
        assertThat(ids.encode(new Command.Advice(null, true))).isEqualTo("a:r");
        assertThat(ids.encode(new Command.Context("ep#1-2"))).isEqualTo("c:ep#1-2");
        assertThat(ids.decode("q:2:habits")).contains(new Command.Quote("habits", 2));
        assertThat(ids.decode("q:3:topic: with colons")).contains(new Command.Quote("topic: with colons", 3));
        assertThat(ids.overflowSize()).isZero();
    }

    @Test
    void aPagePastTheLastQuoteIsWellFormed() {
        // the quote command answers "no more quotes on that", which is the truth; "expired" was not
        assertThat(ids.decode("q:25:habits")).contains(new Command.Quote("habits", 25));
        assertThat(ids.decode("q:999:habits")).contains(new Command.Quote("habits", 999));
    }

    @Test
    void malformedOrOutOfRangeIdsAreRejected() {
        assertThat(ids.decode("q:x:habits")).isEmpty();
        assertThat(ids.decode("q:-1:habits")).isEmpty();
        assertThat(ids.decode("q:1:")).isEmpty();
        assertThat(ids.decode("z:1")).isEmpty();
        assertThat(ids.decode("k:unknown")).isEmpty();
        assertThat(ids.decode("c:")).isEmpty();
        assertThat(ids.decode(null)).isEmpty();
    }

    @Test
    void longCommandsAreKeptInABoundedMap() {
        String topic = "t".repeat(150);
        String id = ids.encode(new Command.Quote(topic, 1));
        assertThat(id).startsWith("k:").hasSizeLessThanOrEqualTo(ButtonIds.MAX_LENGTH);
        assertThat(ids.decode(id)).contains(new Command.Quote(topic, 1));
        for (int i = 0; i < 20; i++) ids.encode(new Command.Quote(topic + i, 1));
        assertThat(ids.overflowSize()).isLessThanOrEqualTo(3);
    }

    @Test
    void keysFromAnotherInstanceAreNotMistakenForOurs() {
        ButtonIds other = new ButtonIds(3, Duration.ofHours(1));
        String id = other.encode(new Command.Quote("x".repeat(200), 1));
        String mine = ids.encode(new Command.Quote("y".repeat(200), 1));
        assertThat(id).isNotEqualTo(mine);
        assertThat(ids.decode(id)).isEmpty();
    }
}

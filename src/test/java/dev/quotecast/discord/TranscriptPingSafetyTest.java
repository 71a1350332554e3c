package dev.quotecast.discord;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.quotecast.Engine;
import dev.quotecast.config.BotConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A transcript that says {@code @everyone}, {@code @here}, {@code <@id>} and {@code <@&role>}: the
 * reply through the real JDA quotes it, and neither what Discord is told (allowed mentions) nor
 * what people see can ping anyone.
 */
@Timeout(60)
class TranscriptPingSafetyTest {

    static final String TRANSCRIPT = """
            ---
            description: https://www.youtube.com/watch?v=abcdefghijk
            ---

            # Grace Hopper: Habits, Ships and Mentions | Test Show #1

            Date: 01/02/2021

            Duration: 0 hours, 10 minutes, 0 seconds

            Model: Whisper-small

            Welcome to the show. Today we talk about habits with a very special guest from the navy.

            Good habits are built when @everyone in the room commits to @here and now, every single day. \
            Remember that <@123456789012345678> and <@&987654321098765432> cannot build your habits for you.

            Ships are safe in harbor, but that is not what ships are built for, and habits are not built in harbor either.
            """;

    @Test
    void transcriptTextWithMentionsPingsNobody(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("test-show-001.txt"), TRANSCRIPT);
        try (Engine engine = Engine.start(BotConfig.defaults().withEmbeddings(false).withTranscripts(List.of(dir)));
             FakeDiscord discord = FakeDiscord.start()) {
            DiscordBot bot = new DiscordBot(engine, discord.config());
            try {
                bot.start();
                assertThat(bot.awaitReady(Duration.ofSeconds(10))).isTrue();
                discord.mention("7100000000000000001", FakePayloads.USER_ID, "everyone habits room commits");
                JsonNode reply = discord.rest().requests()
                        .await(r -> r.is("POST", "channels/\\d+/messages"), Duration.ofSeconds(10), "the quote").json();
                JsonNode embed = reply.path("embeds").get(0);
                String description = embed.path("description").asText();
                assertThat(description).contains("@\u200beveryone", "@\u200bhere");
                String shown = reply.path("content").asText() + embed;
                assertThat(shown).doesNotContain("@everyone").doesNotContain("@here").doesNotContain("<@1").doesNotContain("<@&");
                assertThat(reply.path("allowed_mentions").path("parse")).isEmpty();
                assertThat(reply.path("allowed_mentions").path("replied_user").asBoolean()).isFalse();
            } finally {
                bot.close();   // before the fake
            }
        }
    }
}

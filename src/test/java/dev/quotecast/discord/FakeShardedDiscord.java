package dev.quotecast.discord;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quotecast.config.BotConfig;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Discord on 127.0.0.1 for a bot in several shards: the {@link FakeRest} of {@link FakeDiscord}
 * and a {@link FakeShardedGateway}, with {@code guildsPerShard} guilds on each shard (ids chosen so
 * that Discord's rule puts them there), each with one text channel the bot may post to.
 *
 * <pre>{@code
 * try (FakeShardedDiscord discord = FakeShardedDiscord.start(2, 1)) {
 *     DiscordBot a = new DiscordBot(engine, discord.config(new BotConfig.Shards(2, List.of(0))));   // shard 0
 *     DiscordBot b = new DiscordBot(engine, discord.config(new BotConfig.Shards(2, List.of(1))));   // shard 1
 *     ...
 *     discord.mention(1, "7000000000000000001", FakePayloads.USER_ID, "habits");   // to the guild on shard 1
 * }
 * }</pre>
 */
public final class FakeShardedDiscord implements AutoCloseable {

    /** One guild of the fake: its id, its channel, and the shard Discord puts it on. */
    public record Guild(String id, String channel, int shard) {}

    private final ObjectMapper json = new ObjectMapper();
    private final FakePayloads payloads = new FakePayloads(json);
    private final FakeRest rest;
    private final FakeShardedGateway gateway;
    private final int total;
    private final List<Guild> guilds = new ArrayList<>();

    private FakeShardedDiscord(int total, int guildsPerShard) throws IOException {
        this.total = total;
        Map<String, String> channels = new LinkedHashMap<>();
        for (int shard = 0; shard < total; shard++) {
            for (int n = 0; n < guildsPerShard; n++) {
                // Discord's rule: shard = (guild_id >> 22) % total
                long timestamp = 400_000_000L * total + shard + (long) n * total;
                String guild = Long.toString((timestamp << 22) | 1);
                String channel = Long.toString((timestamp << 22) | 2);
                channels.put(guild, channel);
                guilds.add(new Guild(guild, channel, shard));
            }
        }
        this.rest = new FakeRest(json, payloads);
        channels.forEach((g, c) -> rest.addChannel(c, g));
        rest.setRecommendedShards(total);
        this.gateway = new FakeShardedGateway(json, payloads, total, channels);
        try {
            gateway.startAndWait(Duration.ofSeconds(5));
        } catch (IOException e) {
            rest.close();
            throw e;
        }
    }

    /** A bot of {@code total} shards with {@code guildsPerShard} guilds on each. */
    public static FakeShardedDiscord start(int total, int guildsPerShard) throws IOException {
        return new FakeShardedDiscord(total, guildsPerShard);
    }

    public FakeRest rest() {
        return rest;
    }

    public FakeShardedGateway gateway() {
        return gateway;
    }

    public FakePayloads payloads() {
        return payloads;
    }

    public int total() {
        return total;
    }

    public List<Guild> guilds() {
        return List.copyOf(guilds);
    }

    /** Discord settings pointing at this fake, running {@code shards}; slash commands globally. */
    public BotConfig.Discord config(BotConfig.Shards shards) {
        return new BotConfig.Discord(FakeDiscord.TOKEN, List.of(), rest.url(), gateway.url(), shards);
    }

    /** A message in guild number {@code guild}'s channel from {@code authorId} that mentions the bot. */
    public void mention(int guild, String messageId, String authorId, String text) {
        Guild g = guilds.get(guild);
        gateway.dispatch(g.id(), "MESSAGE_CREATE", payloads.message(messageId, g.channel(), g.id(), authorId,
                "<@" + FakePayloads.BOT_ID + "> " + text, FakePayloads.BOT_ID));
    }

    /** Stops both servers. Close the bots first. */
    @Override
    public void close() {
        try {
            gateway.stop(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            rest.close();
        }
    }
}

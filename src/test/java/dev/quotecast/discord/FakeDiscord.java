package dev.quotecast.discord;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quotecast.config.BotConfig;
import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * A Discord for tests, on 127.0.0.1 only: a {@link FakeGateway} (WebSocket) and a {@link FakeRest}
 * (HTTP) sharing one small world ({@link FakePayloads}). Point the real JDA at it with
 * {@link #config()} and drive it from the test:
 *
 * <pre>{@code
 * try (FakeDiscord discord = FakeDiscord.start();
 *      DiscordBot bot = new DiscordBot(engine, discord.config())) {   // bot closes first
 *     bot.start();
 *     bot.awaitReady(Duration.ofSeconds(10));
 *     discord.mention("m1", FakePayloads.USER_ID, "habits");
 *     FakeRest.Request post = discord.rest().requests().await(r -> r.is("POST", "channels/\\d+/messages"), ...);
 * }
 * }</pre>
 *
 * <p>Order matters on shutdown: close the bot (JDA) before the fake, or JDA spends its time
 * reconnecting to a server that is gone. A missing GUILD_CREATE leaves JDA waiting 75 s for the
 * guild, so every wait in a test takes a short timeout.
 */
public final class FakeDiscord implements AutoCloseable {

    /** The only token the fake accepts. */
    public static final String TOKEN = "fake-bot-token";

    private final ObjectMapper json = new ObjectMapper();
    private final FakePayloads payloads = new FakePayloads(json);
    private final FakeGateway gateway;
    private final FakeRest rest;

    private FakeDiscord() throws IOException {
        this.rest = new FakeRest(json, payloads);
        this.gateway = new FakeGateway(json, payloads);
        try {
            gateway.startAndWait(Duration.ofSeconds(5));
        } catch (IOException e) {
            rest.close();
            throw e;
        }
    }

    public static FakeDiscord start() throws IOException {
        return new FakeDiscord();
    }

    public FakeGateway gateway() {
        return gateway;
    }

    public FakeRest rest() {
        return rest;
    }

    public FakePayloads payloads() {
        return payloads;
    }

    public ObjectMapper json() {
        return json;
    }

    /** Discord settings that point at this fake; {@code guilds} as given (empty: global commands). */
    public BotConfig.Discord config(List<String> guilds) {
        return new BotConfig.Discord(TOKEN, guilds, rest.url(), gateway.url());
    }

    /** Discord settings that point at this fake, registering commands on its guild. */
    public BotConfig.Discord config() {
        return config(List.of(FakePayloads.GUILD_ID));
    }

    /** A guild message from {@code authorId} that mentions the bot: {@code <@BOT> text}. */
    public void mention(String messageId, String authorId, String text) {
        gateway.dispatch("MESSAGE_CREATE", payloads.message(messageId, FakePayloads.CHANNEL_ID, FakePayloads.GUILD_ID,
                authorId, "<@" + FakePayloads.BOT_ID + "> " + text, FakePayloads.BOT_ID));
    }

    /** A guild message that does not mention the bot. */
    public void chatter(String messageId, String authorId, String text) {
        gateway.dispatch("MESSAGE_CREATE", payloads.message(messageId, FakePayloads.CHANNEL_ID, FakePayloads.GUILD_ID, authorId, text));
    }

    /** A direct message to the bot (no mention needed). */
    public void directMessage(String messageId, String authorId, String text) {
        gateway.dispatch("MESSAGE_CREATE", payloads.message(messageId, FakePayloads.DM_CHANNEL_ID, null, authorId, text));
    }

    /** A slash command from {@code userId}; returns the interaction token (its callback's key). */
    public String slash(String userId, String command, String... options) {
        return interaction(2, userId, payloads.slashData(command, options));
    }

    /** An autocomplete request while {@code userId} types {@code typed} into {@code option}. */
    public String autocomplete(String userId, String command, String option, String typed) {
        return interaction(4, userId, payloads.autocompleteData(command, option, typed));
    }

    /** A click on a button with {@code customId}, on a message the bot posted on its own (nobody's in particular). */
    public String button(String userId, String customId) {
        return button(userId, customId, payloads.post());
    }

    /**
     * A click by {@code userId} on a button with {@code customId} on {@code message}: see
     * {@link FakePayloads#replyToInteraction} and {@link FakePayloads#replyToMention} for messages
     * that answer someone. Returns the interaction token (its callback's key).
     */
    public String button(String userId, String customId, ObjectNode message) {
        String id = payloads.nextId();
        String token = "tok-" + id;
        ObjectNode i = payloads.interaction(id, token, 3, userId, payloads.buttonData(customId));
        i.set("message", message);
        gateway.dispatch("INTERACTION_CREATE", i);
        return token;
    }

    private String interaction(int type, String userId, ObjectNode data) {
        String id = payloads.nextId();
        String token = "tok-" + id;
        gateway.dispatch("INTERACTION_CREATE", payloads.interaction(id, token, type, userId, data));
        return token;
    }

    /** Stops both servers. Close JDA first. */
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

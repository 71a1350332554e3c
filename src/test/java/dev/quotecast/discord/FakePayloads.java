package dev.quotecast.discord;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The Discord objects the fake hands to JDA (users, the guild, messages, interactions), shaped as
 * Discord's API v10 documents them, with the fields JDA 6 reads. One small world: the bot, one guild
 * with one text channel, a human member, a moderator who may manage channels, another bot and a DM
 * channel.
 */
public final class FakePayloads {

    public static final String BOT_ID = "1100000000000000001";
    /** New applications share their id with the bot user. */
    public static final String APP_ID = BOT_ID;
    public static final String GUILD_ID = "2200000000000000001";
    public static final String CHANNEL_ID = "3300000000000000001";
    public static final String DM_CHANNEL_ID = "3300000000000000009";
    public static final String USER_ID = "4400000000000000001";
    public static final String MOD_ID = "4400000000000000002";
    public static final String OTHER_BOT_ID = "4400000000000000003";
    public static final String OWNER_ID = "4400000000000000099";
    public static final String MOD_ROLE_ID = "5500000000000000001";
    public static final String TIMESTAMP = "2025-01-06T09:00:00.000000+00:00";

    /** ADD_REACTIONS, VIEW_CHANNEL, SEND_MESSAGES, EMBED_LINKS, READ_MESSAGE_HISTORY, USE_APPLICATION_COMMANDS: what the invite link asks for. */
    public static final long EVERYONE_PERMISSIONS = (1L << 6) | (1L << 10) | (1L << 11) | (1L << 14) | (1L << 16) | (1L << 31);
    public static final long MANAGE_CHANNELS = 1L << 4;

    private final ObjectMapper json;
    private final AtomicLong ids = new AtomicLong(9_000_000_000_000_000_000L);

    public FakePayloads(ObjectMapper json) {
        this.json = json;
    }

    /** A fresh snowflake-shaped id. */
    public String nextId() {
        return Long.toString(ids.incrementAndGet());
    }

    public ObjectNode user(String id, String name, boolean bot) {
        ObjectNode u = json.createObjectNode();
        u.put("id", id).put("username", name).put("discriminator", "0").put("global_name", name)
                .putNull("avatar").put("bot", bot).put("public_flags", 0).put("flags", 0);
        return u;
    }

    public ObjectNode botUser() {
        return user(BOT_ID, "Quotecast", true).put("verified", true).put("mfa_enabled", false);
    }

    /** The name the fake gives a known user id. */
    public String nameOf(String userId) {
        return switch (userId) {
            case BOT_ID -> "Quotecast";
            case MOD_ID -> "mod";
            case OTHER_BOT_ID -> "OtherBot";
            default -> "alice";
        };
    }

    public boolean isBot(String userId) {
        return userId.equals(BOT_ID) || userId.equals(OTHER_BOT_ID);
    }

    /** A guild member object, without {@code user} (as in MESSAGE_CREATE) unless {@code withUser}. */
    public ObjectNode member(String userId, boolean withUser) {
        ObjectNode m = json.createObjectNode();
        if (withUser) m.set("user", user(userId, nameOf(userId), isBot(userId)));
        ArrayNode roles = m.putArray("roles");
        if (userId.equals(MOD_ID)) roles.add(MOD_ROLE_ID);
        m.put("joined_at", TIMESTAMP).put("deaf", false).put("mute", false).put("flags", 0).put("pending", false)
                .putNull("nick").putNull("premium_since").putNull("communication_disabled_until");
        return m;
    }

    public ObjectNode ready(String sessionId, String resumeUrl) {
        ObjectNode d = json.createObjectNode();
        d.put("v", 10);
        d.set("user", botUser());
        d.putArray("guilds").addObject().put("id", GUILD_ID).put("unavailable", true);
        d.put("session_id", sessionId).put("resume_gateway_url", resumeUrl);
        d.putArray("shard").add(0).add(1);
        d.putObject("application").put("id", APP_ID).put("flags", 0);
        d.putArray("private_channels");
        d.putArray("relationships");
        d.putArray("presences");
        d.putArray("guild_join_requests");
        d.putArray("geo_ordered_rtc_regions");
        d.putObject("user_settings");
        return d;
    }

    public ObjectNode role(String id, String name, long permissions, int position) {
        ObjectNode r = json.createObjectNode();
        r.put("id", id).put("name", name).put("permissions", Long.toString(permissions)).put("position", position)
                .put("color", 0).put("hoist", false).put("managed", false).put("mentionable", false).put("flags", 0)
                .putNull("icon").putNull("unicode_emoji");
        r.putObject("colors").put("primary_color", 0).putNull("secondary_color").putNull("tertiary_color");
        return r;
    }

    public ObjectNode textChannel() {
        return textChannel(CHANNEL_ID, GUILD_ID);
    }

    /** A text channel {@code channelId} in guild {@code guildId}. */
    public ObjectNode textChannel(String channelId, String guildId) {
        ObjectNode c = json.createObjectNode();
        c.put("id", channelId).put("type", 0).put("guild_id", guildId).put("name", "general").put("position", 0)
                .put("nsfw", false).putNull("topic").putNull("last_message_id").put("rate_limit_per_user", 0)
                .putNull("parent_id").put("flags", 0);
        c.putArray("permission_overwrites");
        return c;
    }

    /** A complete, available guild: what JDA needs before it calls the bot ready. */
    public ObjectNode guild() {
        return guild(GUILD_ID, CHANNEL_ID);
    }

    /** Guild {@code guildId} with one text channel {@code channelId}, the same roles and members as the default one. */
    public ObjectNode guild(String guildId, String channelId) {
        ObjectNode g = json.createObjectNode();
        g.put("id", guildId).put("name", "Quotecast Test " + guildId).putNull("icon").putNull("splash").putNull("discovery_splash")
                .putNull("banner").putNull("description").put("owner_id", OWNER_ID).putNull("afk_channel_id")
                .put("afk_timeout", 300).put("verification_level", 0).put("default_message_notifications", 0)
                .put("explicit_content_filter", 0).put("mfa_level", 0).putNull("application_id")
                .putNull("system_channel_id").put("system_channel_flags", 0).putNull("rules_channel_id")
                .putNull("public_updates_channel_id").putNull("safety_alerts_channel_id").putNull("vanity_url_code")
                .put("premium_tier", 0).put("premium_subscription_count", 0).put("preferred_locale", "en-US")
                .put("nsfw_level", 0).put("premium_progress_bar_enabled", false).put("max_members", 500000)
                .put("joined_at", TIMESTAMP).put("large", false).put("unavailable", false).put("member_count", 4);
        g.putArray("features");
        ArrayNode roles = g.putArray("roles");
        roles.add(role(guildId, "@everyone", EVERYONE_PERMISSIONS, 0));
        roles.add(role(MOD_ROLE_ID, "Mods", EVERYONE_PERMISSIONS | MANAGE_CHANNELS, 1));
        g.putArray("emojis");
        g.putArray("stickers");
        g.putArray("soundboard_sounds");
        g.putArray("voice_states");
        g.putArray("members").add(member(BOT_ID, true));
        g.putArray("channels").add(textChannel(channelId, guildId));
        g.putArray("threads");
        g.putArray("presences");
        g.putArray("stage_instances");
        g.putArray("guild_scheduled_events");
        return g;
    }

    /**
     * A MESSAGE_CREATE payload. {@code mentions} are user ids the message mentions (Discord lists them
     * apart from the content); a null {@code guildId} makes it a direct message.
     */
    public ObjectNode message(String id, String channelId, String guildId, String authorId, String content, String... mentions) {
        ObjectNode m = json.createObjectNode();
        m.put("id", id).put("channel_id", channelId);
        if (guildId != null) m.put("guild_id", guildId);
        m.set("author", user(authorId, nameOf(authorId), isBot(authorId)));
        if (guildId != null) m.set("member", member(authorId, false));
        m.put("content", content).put("timestamp", TIMESTAMP).putNull("edited_timestamp").put("tts", false)
                .put("mention_everyone", false).put("pinned", false).put("type", 0).put("flags", 0);
        ArrayNode ms = m.putArray("mentions");
        for (String u : mentions) {
            ObjectNode mu = user(u, nameOf(u), isBot(u));
            if (guildId != null) mu.set("member", member(u, false));
            ms.add(mu);
        }
        m.putArray("mention_roles");
        m.putArray("attachments");
        m.putArray("embeds");
        m.putArray("components");
        return m;
    }

    /** The common part of every INTERACTION_CREATE in the guild's text channel. */
    public ObjectNode interaction(String id, String token, int type, String userId, ObjectNode data) {
        ObjectNode i = json.createObjectNode();
        i.put("id", id).put("application_id", APP_ID).put("type", type).put("token", token).put("version", 1)
                .put("guild_id", GUILD_ID).put("channel_id", CHANNEL_ID).put("locale", "en-US")
                .put("guild_locale", "en-US").put("app_permissions", Long.toString(EVERYONE_PERMISSIONS))
                .put("context", 0).put("attachment_size_limit", 10_485_760);
        ObjectNode guild = i.putObject("guild").put("id", GUILD_ID).put("locale", "en-US");
        guild.putArray("features");
        ObjectNode channel = textChannel();
        long perms = userId.equals(MOD_ID) ? EVERYONE_PERMISSIONS | MANAGE_CHANNELS : EVERYONE_PERMISSIONS;
        channel.put("permissions", Long.toString(perms));
        i.set("channel", channel);
        ObjectNode member = member(userId, true);
        member.put("permissions", Long.toString(perms));
        i.set("member", member);
        i.putObject("authorizing_integration_owners").put("0", GUILD_ID);
        i.putArray("entitlements");
        i.set("data", data);
        return i;
    }

    /**
     * Slash command data: {@code options} alternate name and string value, e.g.
     * {@code "topic", "habits"}. A subcommand is given as {@code "sub:NAME"} first.
     */
    public ObjectNode slashData(String commandName, String... options) {
        ObjectNode d = json.createObjectNode();
        d.put("id", "6600000000000000" + Math.abs(commandName.hashCode() % 1000)).put("name", commandName).put("type", 1);
        ArrayNode target = d.putArray("options");
        int i = 0;
        if (options.length > 0 && options[0].startsWith("sub:")) {
            ObjectNode sub = target.addObject().put("name", options[0].substring(4)).put("type", 1);
            target = sub.putArray("options");
            i = 1;
        }
        for (; i + 1 < options.length; i += 2) {
            target.addObject().put("name", options[i]).put("type", 3).put("value", options[i + 1]);
        }
        return d;
    }

    /** Autocomplete data: {@code focused} is the option being typed. */
    public ObjectNode autocompleteData(String commandName, String option, String typed) {
        ObjectNode d = slashData(commandName, option, typed);
        ((ObjectNode) d.get("options").get(0)).put("focused", true);
        return d;
    }

    /**
     * A message the bot sent as the answer to {@code invokerId}'s slash command (or button click):
     * Discord names who it answered in {@code interaction_metadata}.
     */
    public ObjectNode replyToInteraction(String invokerId) {
        ObjectNode m = message(nextId(), CHANNEL_ID, GUILD_ID, BOT_ID, "");
        m.put("type", 20);   // CHAT_INPUT_COMMAND
        ObjectNode meta = m.putObject("interaction_metadata");
        meta.put("id", nextId()).put("type", 2);
        meta.set("user", user(invokerId, nameOf(invokerId), isBot(invokerId)));
        meta.putObject("authorizing_integration_owners").put("0", GUILD_ID);
        return m;
    }

    /** A message the bot sent in reply to {@code authorId}'s mention: a reply (type 19) carrying the message it answers. */
    public ObjectNode replyToMention(String authorId) {
        ObjectNode asked = message(nextId(), CHANNEL_ID, GUILD_ID, authorId, "<@" + BOT_ID + "> habits", BOT_ID);
        ObjectNode m = message(nextId(), CHANNEL_ID, GUILD_ID, BOT_ID, "");
        m.put("type", 19);
        m.putObject("message_reference").put("type", 0).put("message_id", asked.path("id").asText())
                .put("channel_id", CHANNEL_ID).put("guild_id", GUILD_ID);
        m.set("referenced_message", asked);
        return m;
    }

    /** A message the bot posted on its own (a daily post): nobody's in particular. */
    public ObjectNode post() {
        return message(nextId(), CHANNEL_ID, GUILD_ID, BOT_ID, "");
    }

    public ObjectNode buttonData(String customId) {
        return json.createObjectNode().put("custom_id", customId).put("component_type", 2);
    }

    /**
     * The message a REST call created, as Discord would return it: what was sent, plus the id,
     * author and timestamps Discord adds.
     */
    public ObjectNode createdMessage(JsonNode sent, String channelId, String guildId) {
        ObjectNode m = message(nextId(), channelId, guildId, BOT_ID, sent.path("content").asText(""));
        if (sent.has("embeds")) {
            ArrayNode embeds = m.putArray("embeds");
            for (JsonNode e : sent.get("embeds")) embeds.add(((ObjectNode) e.deepCopy()).put("type", "rich"));
        }
        if (sent.has("components")) m.set("components", sent.get("components"));
        if (sent.has("message_reference")) {
            ObjectNode ref = ((ObjectNode) sent.get("message_reference").deepCopy()).put("type", 0);
            if (!ref.has("channel_id")) ref.put("channel_id", channelId);
            m.set("message_reference", ref);
            m.put("type", 19);
        }
        m.remove("member");
        if (guildId != null) m.set("member", member(BOT_ID, false));
        return m;
    }
}

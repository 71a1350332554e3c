package dev.quotecast.discord;

import dev.quotecast.bot.Command;
import dev.quotecast.bot.CommandParser;
import dev.quotecast.bot.Reply;
import dev.quotecast.bot.Request;
import dev.quotecast.content.ContentService;
import dev.quotecast.transcript.Episode;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.regex.Pattern;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.entities.Member;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.channel.middleman.GuildChannel;
import net.dv8tion.jda.api.entities.emoji.Emoji;
import net.dv8tion.jda.api.events.interaction.command.CommandAutoCompleteInteractionEvent;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.events.interaction.component.ButtonInteractionEvent;
import net.dv8tion.jda.api.events.message.MessageReceivedEvent;
import net.dv8tion.jda.api.events.session.ReadyEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.interactions.commands.Command.Choice;
import net.dv8tion.jda.api.interactions.commands.OptionMapping;
import net.dv8tion.jda.api.interactions.commands.build.OptionData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns JDA events into shared {@link Request}s and their {@link Reply}s into messages. Handlers run
 * on the bot's worker pool ({@code handler}), never on JDA's event thread, so a slow search cannot
 * stall the gateway.
 */
final class DiscordListener extends ListenerAdapter {

    private static final Logger log = LoggerFactory.getLogger(DiscordListener.class);
    static final String PLATFORM = "discord";
    /** The reaction that tells someone they are over the rate limit: wait a little. */
    static final String SLOW_DOWN = "\u23F3";
    private static final List<String> ZONES = ZoneId.getAvailableZoneIds().stream().sorted().toList();

    private final CommandParser parser;
    private final ContentService content;
    private final SlashCommands slash;
    private final EmbedRenderer renderer;
    private final ButtonIds buttons;
    private final InteractionResponder responder;
    private final RateLimitNotices notices;
    private final Function<Request, CompletableFuture<Reply>> handler;
    private final Function<Request, CompletableFuture<Reply>> mentions;
    private final java.util.function.Consumer<net.dv8tion.jda.api.JDA> onReady;

    /**
     * @param handler serves interactions, in parallel
     * @param mentions serves mentions and DMs; its future must complete in the order requests were
     *     given per channel, so that the replies are queued (and sent) in that order
     */
    DiscordListener(CommandParser parser, ContentService content, SlashCommands slash, EmbedRenderer renderer, ButtonIds buttons,
                    InteractionResponder responder, RateLimitNotices notices, Function<Request, CompletableFuture<Reply>> handler,
                    Function<Request, CompletableFuture<Reply>> mentions, java.util.function.Consumer<net.dv8tion.jda.api.JDA> onReady) {
        this.parser = parser;
        this.content = content;
        this.slash = slash;
        this.renderer = renderer;
        this.buttons = buttons;
        this.responder = responder;
        this.notices = notices;
        this.handler = handler;
        this.mentions = mentions;
        this.onReady = onReady;
    }

    /** One shard is ready (with one shard, the bot). */
    @Override
    public void onReady(ReadyEvent event) {
        onReady.accept(event.getJDA());
    }

    /**
     * A message that mentions the bot (with {@code <@id>} in its text) or a direct message. Discord
     * sends the content of exactly these to a bot without the MESSAGE_CONTENT intent. Bots, the bot
     * itself and webhooks are ignored, so two bots can never talk to each other in a loop.
     */
    @Override
    public void onMessageReceived(MessageReceivedEvent event) {
        if (event.getAuthor().isBot() || event.isWebhookMessage() || event.getAuthor().isSystem()) return;
        Message message = event.getMessage();
        var self = event.getJDA().getSelfUser();
        // the content of a guild message is only there when it mentions the bot: check before reading it
        if (event.isFromGuild() && !message.getMentions().isMentioned(self, Message.MentionType.USER)) return;
        String raw = message.getContentRaw();
        Pattern selfMention = Pattern.compile("<@!?" + self.getId() + ">");
        // a reply that pings the bot lists it in mentions too, but only a written mention asks it something
        if (event.isFromGuild() && !selfMention.matcher(raw).find()) return;
        Command command = parser.parse(selfMention.matcher(raw).replaceAll(" "));
        boolean admin = event.isFromGuild() && isAdmin(event.getMember(), event.getGuildChannel());
        Request request = new Request(PLATFORM, event.getAuthor().getId(), event.getChannel().getId(), command, admin);
        if (command instanceof Command.Ask || command instanceof Command.Episode) {
            event.getChannel().sendTyping().queue(null, e -> { });
        }
        // whenComplete, not whenCompleteAsync: the reply is queued in the channel's turn, before the next mention's
        mentions.apply(request).whenComplete((reply, error) -> {
            Reply r = error == null ? reply
                    : new Reply.Error(command.name(), Reply.Error.Kind.INTERNAL, "Something went wrong on my side. Please try again.");
            if (r instanceof Reply.Error e && e.kind() == Reply.Error.Kind.RATE_LIMITED) {
                slowDown(message, event.getAuthor().getId(), r);
                return;
            }
            message.reply(renderer.render(r)).mentionRepliedUser(false).setAllowedMentions(List.of())
                    .queue(null, e -> log.warn("could not reply to a mention: {}", e.toString()));
        });
    }

    /**
     * A mention refused by the rate limit (or because the channel is flooded): a {@value #SLOW_DOWN}
     * reaction on it, once per window per person, instead of a public message every time. Where the
     * bot may not add reactions it replies instead, still only once per window.
     */
    private void slowDown(Message message, String user, Reply refusal) {
        if (!notices.firstInWindow(user)) return;
        try {
            message.addReaction(Emoji.fromUnicode(SLOW_DOWN)).queue(null, e -> log.debug("could not react to a mention: {}", e.toString()));
        } catch (RuntimeException noPermission) {
            message.reply(renderer.render(refusal)).mentionRepliedUser(false).setAllowedMentions(List.of())
                    .queue(null, e -> log.warn("could not reply to a mention: {}", e.toString()));
        }
    }

    @Override
    public void onSlashCommandInteraction(SlashCommandInteractionEvent event) {
        Command command = slash.toCommand(event.getName(), event.getSubcommandName(), name -> {
            OptionMapping o = event.getOption(name);
            return o == null ? null : o.getAsString();
        });
        boolean admin = event.isFromGuild() && isAdmin(event.getMember(), event.getGuildChannel());
        Request request = new Request(PLATFORM, event.getUser().getId(), event.getChannelId(), command, admin);
        boolean slow = command instanceof Command.Ask || command instanceof Command.Episode;
        responder.reply(event, handler.apply(request), InteractionResponder.Delivery.PUBLIC, slow);
    }

    /**
     * Another / Show context: the command is in the button's custom_id. A click never adds a public
     * message: "Another" on your own reply turns its page in place, on anyone else's message it
     * answers only you; "Show context" always answers only you.
     */
    @Override
    public void onButtonInteraction(ButtonInteractionEvent event) {
        var command = buttons.decode(event.getComponentId());
        if (command.isEmpty()) {
            event.reply("This button has expired: run the command again.").setEphemeral(true).setAllowedMentions(List.of())
                    .mentionRepliedUser(false).queue(null, e -> log.warn("could not answer an expired button: {}", e.toString()));
            return;
        }
        Request request = new Request(PLATFORM, event.getUser().getId(), event.getChannelId(), command.get(), false);
        CompletableFuture<Reply> answer = handler.apply(request);
        boolean mine = owner(event.getMessage()).filter(event.getUser().getId()::equals).isPresent();
        if (mine && !(command.get() instanceof Command.Context)) responder.update(event, answer);
        else responder.reply(event, answer, InteractionResponder.Delivery.PRIVATE, false);
    }

    /**
     * Whom a message the bot sent answers: the person who ran the command (or clicked the button) it
     * is the response to, or who wrote the mention it replies to; only that person can see an
     * ephemeral one. Empty for the bot's own posts (daily posts) and when Discord did not say.
     */
    static Optional<String> owner(Message message) {
        if (message == null) return Optional.empty();
        if (message.getInteractionMetadata() != null) return Optional.of(message.getInteractionMetadata().getUser().getId());
        Message asked = message.getReferencedMessage();
        if (asked != null) return Optional.of(asked.getAuthor().getId());
        return Optional.empty();
    }

    /** Episode titles for {@code /episode query:}, time zones for {@code /daily set zone:}. */
    @Override
    public void onCommandAutoCompleteInteraction(CommandAutoCompleteInteractionEvent event) {
        String typed = event.getFocusedOption().getValue();
        List<Choice> choices;
        if (event.getName().equals(SlashCommands.EPISODE)) {
            choices = content.suggestEpisodes(typed, OptionData.MAX_CHOICES).stream().map(DiscordListener::choice).toList();
        } else if (event.getName().equals(SlashCommands.DAILY)) {
            String t = typed.toLowerCase(Locale.ROOT);
            choices = ZONES.stream().filter(z -> z.toLowerCase(Locale.ROOT).contains(t)).limit(OptionData.MAX_CHOICES)
                    .map(z -> new Choice(z, z)).toList();
        } else {
            choices = List.of();
        }
        event.replyChoices(choices).queue(null, e -> log.debug("autocomplete reply failed: {}", e.toString()));
    }

    /** The title as the label; the id (or number, if the id is too long) as the value /episode looks up. */
    static Choice choice(Episode e) {
        String value = e.id().length() <= OptionData.MAX_CHOICE_VALUE_LENGTH || e.title().number() == null
                ? DiscordText.cut(e.id(), OptionData.MAX_CHOICE_VALUE_LENGTH) : e.title().number().toString();
        return new Choice(DiscordText.cut(e.title().full(), OptionData.MAX_CHOICE_NAME_LENGTH), value);
    }

    /** Whoever may manage the channel may manage its daily posts. */
    private static boolean isAdmin(Member member, GuildChannel channel) {
        return member != null && channel != null && member.hasPermission(channel, Permission.MANAGE_CHANNEL);
    }
}

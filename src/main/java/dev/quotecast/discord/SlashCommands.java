package dev.quotecast.discord;

import dev.quotecast.bot.Command;
import dev.quotecast.bot.CommandParser;
import java.util.List;
import java.util.function.Function;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.interactions.InteractionContextType;
import net.dv8tion.jda.api.interactions.commands.DefaultMemberPermissions;
import net.dv8tion.jda.api.interactions.commands.OptionType;
import net.dv8tion.jda.api.interactions.commands.build.CommandData;
import net.dv8tion.jda.api.interactions.commands.build.Commands;
import net.dv8tion.jda.api.interactions.commands.build.OptionData;
import net.dv8tion.jda.api.interactions.commands.build.SubcommandData;

/**
 * The slash commands Quotecast registers, and how an invocation becomes a shared {@link Command}.
 * Option values go through the same {@link CommandParser} as mentions, so limits and cleaning are
 * the same on every path.
 */
final class SlashCommands {

    static final String QUOTE = "quote", ADVICE = "advice", EPISODE = "episode", ASK = "ask", HELP = "help", DAILY = "daily";

    private final CommandParser parser;
    private final int maxQueryChars;

    SlashCommands(CommandParser parser, int maxQueryChars) {
        this.parser = parser;
        this.maxQueryChars = maxQueryChars;
    }

    /** What is registered with Discord. {@code /daily} needs Manage Channels by default and only works in servers. */
    List<CommandData> definitions() {
        int max = Math.max(1, Math.min(OptionData.MAX_STRING_OPTION_LENGTH, maxQueryChars));
        InteractionContextType[] anywhere = {InteractionContextType.GUILD, InteractionContextType.BOT_DM};
        return List.of(
                Commands.slash(QUOTE, "The best quote about a topic, with episode, time and link")
                        .addOptions(new OptionData(OptionType.STRING, "topic", "What the quote should be about", true).setMaxLength(max))
                        .setContexts(anywhere),
                Commands.slash(ADVICE, "Today's advice: the same for everyone, all day").setContexts(anywhere),
                Commands.slash(EPISODE, "An episode card: guest, date, summary, key topics and quotes")
                        .addOptions(new OptionData(OptionType.STRING, "query", "Episode number, guest or words from the title", true)
                                .setMaxLength(max).setAutoComplete(true))
                        .setContexts(anywhere),
                Commands.slash(ASK, "Ask a question; the answer comes from the transcripts, with its citation")
                        .addOptions(new OptionData(OptionType.STRING, "question", "Your question", true).setMaxLength(max))
                        .setContexts(anywhere),
                Commands.slash(HELP, "How to use Quotecast").setContexts(anywhere),
                Commands.slash(DAILY, "Post advice or a quote in this channel every day")
                        .addSubcommands(
                                new SubcommandData("set", "Post in this channel every day at a time")
                                        .addOptions(new OptionData(OptionType.STRING, "time", "24-hour time, e.g. 09:00", true).setMaxLength(5),
                                                new OptionData(OptionType.STRING, "zone", "Time zone, e.g. Europe/Berlin", true)
                                                        .setMaxLength(64).setAutoComplete(true),
                                                new OptionData(OptionType.STRING, "post", "advice (default) or quote:TOPIC", false)
                                                        .setMaxLength(max)),
                                new SubcommandData("off", "Stop the daily post in this channel"),
                                new SubcommandData("list", "Show this channel's daily posts"))
                        .setDefaultPermissions(DefaultMemberPermissions.enabledFor(Permission.MANAGE_CHANNEL))
                        .setContexts(InteractionContextType.GUILD));
    }

    /**
     * The shared command for a slash invocation.
     *
     * @param name the command name
     * @param subcommand the subcommand, or null
     * @param option an option's string value by name, null when absent
     */
    Command toCommand(String name, String subcommand, Function<String, String> option) {
        return switch (name) {
            case QUOTE -> parser.parseSlash(QUOTE, orEmpty(option.apply("topic")));
            case ADVICE -> new Command.Advice(null, false);
            case EPISODE -> parser.parse("episode " + orEmpty(option.apply("query")));
            case ASK -> parser.parse("ask " + orEmpty(option.apply("question")));
            case HELP -> new Command.Help();
            case DAILY -> parser.parse("daily " + dailyText(subcommand, option));
            default -> new Command.Invalid("I don't know the command /" + name + ".");
        };
    }

    /** {@code 09:00 Europe/Berlin advice}, {@code off} or {@code list}: the text the DailyHandler reads. */
    static String dailyText(String subcommand, Function<String, String> option) {
        if (subcommand == null) return "list";
        return switch (subcommand) {
            case "off" -> "off";
            case "list" -> "list";
            default -> {
                String post = orEmpty(option.apply("post")).trim();
                yield (orEmpty(option.apply("time")).trim() + " " + orEmpty(option.apply("zone")).trim() + " "
                        + (post.isEmpty() ? "advice" : post)).trim();
            }
        };
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}

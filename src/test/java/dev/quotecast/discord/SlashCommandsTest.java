package dev.quotecast.discord;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quotecast.bot.Command;
import dev.quotecast.bot.CommandParser;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SlashCommandsTest {

    final SlashCommands slash = new SlashCommands(new CommandParser(300), 300);

    Command run(String name, String sub, Map<String, String> options) {
        return slash.toCommand(name, sub, options::get);
    }

    @Test
    void optionsBecomeTheSharedCommands() {
        assertThat(run("quote", null, Map.of("topic", "habits"))).isEqualTo(new Command.Quote("habits", 0));
        assertThat(run("quote", null, Map.of("topic", "help"))).isEqualTo(new Command.Help());
        assertThat(run("advice", null, Map.of())).isEqualTo(new Command.Advice(null, false));
        assertThat(run("episode", null, Map.of("query", "73"))).isEqualTo(new Command.Episode("73"));
        assertThat(run("ask", null, Map.of("question", "how do I learn?"))).isEqualTo(new Command.Ask("how do I learn?"));
        assertThat(run("help", null, Map.of())).isEqualTo(new Command.Help());
        assertThat(run("nope", null, Map.of())).isInstanceOf(Command.Invalid.class);
        assertThat(run("ask", null, Map.of("question", "x".repeat(400)))).isInstanceOf(Command.TooLong.class);
    }

    @Test
    void dailyBuildsTheTextTheDailyHandlerReads() {
        assertThat(run("daily", "set", Map.of("time", "09:00", "zone", "Europe/Berlin")))
                .isEqualTo(new Command.Daily("09:00 Europe/Berlin advice"));
        assertThat(run("daily", "set", Map.of("time", "08:30", "zone", "America/New_York", "post", "quote:learning")))
                .isEqualTo(new Command.Daily("08:30 America/New_York quote:learning"));
        assertThat(run("daily", "off", Map.of())).isEqualTo(new Command.Daily("off"));
        assertThat(run("daily", "list", Map.of())).isEqualTo(new Command.Daily("list"));
    }

    @Test
    void definitionsStayWithinDiscordsShape() {
        var defs = slash.definitions();
        assertThat(defs).extracting(c -> c.getName()).containsExactly("quote", "advice", "episode", "ask", "help", "daily");
        assertThat(defs.get(5).getDefaultPermissions().getPermissionsRaw()).isEqualTo(16L);
        assertThat(defs.get(0).getDefaultPermissions().getPermissionsRaw()).isNull();
    }
}

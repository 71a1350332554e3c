package dev.quotecast.transcript;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextTest {

    @Test
    void linesSplitsLikeTheRegexItReplaces() {
        for (String s : new String[] {"", "a", "a\nb", "a\r\nb\r\n", "a\rb", "\n\n", "x\r\n\r\ny", "end\n"}) {
            assertThat(Text.lines(s)).as(s.replace("\r", "\\r").replace("\n", "\\n")).containsExactly(s.split("\r\n|\r|\n", -1));
        }
    }

    @Test
    void wordsAndClock() {
        assertThat(Text.wordCount("  two   words ")).isEqualTo(2);
        assertThat(Text.collapse(" a \n b ")).isEqualTo("a b");
        assertThat(Text.clock(3599)).isEqualTo("59:59");
        assertThat(Text.clock(3600)).isEqualTo("1:00:00");
    }
}

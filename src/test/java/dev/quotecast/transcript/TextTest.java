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
    /** The shortcut for text that is already collapsed gives what the full pass gives, on every kind of space. */
    @Test
    void collapseKeepsCollapsedTextAndOnlyThat() {
        String[] cases = {"", "a", "a b", " a", "a ", "a  b", "a\tb", "a\nb", "a\u001cb", "a\u00a0b", "a\u2003b", "a\u3000b",
                "a\u2028b", "caf\u00e9 na\u00efve", "\u201cquoted\u201d words", "a\u0007b", "a\u007fb", "x", "  ", "\u3000"};
        for (String s : cases) {
            String slow = slowCollapse(s);
            assertThat(Text.collapse(s)).as(s).isEqualTo(slow);
            // the shortcut may pass text over to the full pass (a BEL is no space), but never keeps text the full pass changes
            if (Text.collapsed(s)) assertThat(slow).as(s).isEqualTo(s);
        }
        for (String s : new String[] {"a b", "caf\u00e9 na\u00efve", "\u201cquoted\u201d words", "x", ""}) assertThat(Text.collapsed(s)).as(s).isTrue();
        for (String s : new String[] {" a", "a ", "a  b", "a\tb", "a\u2003b", "a\u3000b"}) assertThat(Text.collapsed(s)).as(s).isFalse();
    }

    /** {@link Text#collapse} as it was written before the shortcut. */
    private static String slowCollapse(String s) {
        StringBuilder out = new StringBuilder();
        boolean pendingSpace = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                pendingSpace = out.length() > 0;
            } else {
                if (pendingSpace) out.append(' ');
                pendingSpace = false;
                out.append(c);
            }
        }
        return out.toString();
    }
}

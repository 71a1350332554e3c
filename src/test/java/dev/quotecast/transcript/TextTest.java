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

    /** Words and collapsing agree with the character-at-a-time versions on random text with every kind of space. */
    @Test
    void wordCountAndCollapseAgreeWithTheirFirstVersionsOnRandomText() {
        RandomText random = new RandomText(11, "ab \t\n\r\u000b\u001c\u00a0\u2003\u3000\u2028\u00e9\u0007.");
        for (int k = 0; k < 5_000; k++) {
            String text = random.next(40);
            assertThat(Text.wordCount(text)).as(text).isEqualTo(slowWordCount(text));
            assertThat(Text.collapse(text)).as(text).isEqualTo(slowCollapse(text));
        }
    }

    private static int slowWordCount(String s) {
        int n = 0;
        boolean inWord = false;
        for (int i = 0; i < s.length(); i++) {
            boolean space = Character.isWhitespace(s.charAt(i));
            if (!space && !inWord) n++;
            inWord = !space;
        }
        return n;
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

package dev.quotecast.slack;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** Reading what Slack sends (entities decoded once) is the inverse of escaping what we send. */
class MrkdwnTest {

    @Test
    void unescapeDecodesTheThreeEntitiesOnce() {
        assertThat(Mrkdwn.unescape("Q&amp;A &lt;b&gt;")).isEqualTo("Q&A <b>");
        assertThat(Mrkdwn.unescape("&amp;lt;")).isEqualTo("&lt;");
        assertThat(Mrkdwn.unescape("AT&T &quot;x&quot; &#39;")).isEqualTo("AT&T &quot;x&quot; &#39;");
        assertThat(Mrkdwn.unescape(null)).isNull();
    }

    @Property(tries = 500)
    void unescapeUndoesSlacksEscaping(@ForAll String typed) {
        String sent = typed.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
        assertThat(Mrkdwn.unescape(sent)).isEqualTo(typed);
    }
}

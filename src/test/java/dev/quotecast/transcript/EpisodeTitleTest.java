package dev.quotecast.transcript;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EpisodeTitleTest {

    @Test
    void shapedTitleGivesAllParts() {
        EpisodeTitle t = EpisodeTitle.parse("Andrew Ng: Deep Learning, Education, and Real-World AI | Lex Fridman Podcast #73");
        assertThat(t.guest()).isEqualTo("Andrew Ng");
        assertThat(t.topic()).isEqualTo("Deep Learning, Education, and Real-World AI");
        assertThat(t.show()).isEqualTo("Lex Fridman Podcast");
        assertThat(t.number()).isEqualTo(73);
    }

    @Test
    void colonsInTheTopicStayInTheTopic() {
        EpisodeTitle t = EpisodeTitle.parse("Peter Norvig: Artificial Intelligence: A Modern Approach | Lex Fridman Podcast #42");
        assertThat(t.guest()).isEqualTo("Peter Norvig");
        assertThat(t.topic()).isEqualTo("Artificial Intelligence: A Modern Approach");
        assertThat(t.number()).isEqualTo(42);
    }

    @Test
    void otherTitlesAreKeptWhole() {
        EpisodeTitle t = EpisodeTitle.parse("  A   conversation about   habits ");
        assertThat(t.full()).isEqualTo("A conversation about habits");
        assertThat(t.guest()).isNull();
        assertThat(t.number()).isNull();
        EpisodeTitle showOnly = EpisodeTitle.parse("Habits special | My Show #5");
        assertThat(showOnly.guest()).isNull();
        assertThat(showOnly.show()).isEqualTo("My Show");
        assertThat(showOnly.number()).isEqualTo(5);
    }
}

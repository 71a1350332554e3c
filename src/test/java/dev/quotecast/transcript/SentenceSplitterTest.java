package dev.quotecast.transcript;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SentenceSplitterTest {

    @Test
    void splitsOnTerminalPunctuationBeforeACapital() {
        assertThat(SentenceSplitter.split("It works. Does it? Yes! Good."))
                .containsExactly("It works.", "Does it?", "Yes!", "Good.");
    }

    @Test
    void abbreviationsBeforeLowerCaseDoNotSplit() {
        assertThat(SentenceSplitter.split("Videos were shot between 10 p.m. and 3 a.m. A lot of times we were tired."))
                .containsExactly("Videos were shot between 10 p.m. and 3 a.m.", "A lot of times we were tired.");
        assertThat(SentenceSplitter.split("The U.S. government funds it. That helps."))
                .containsExactly("The U.S. government funds it.", "That helps.");
    }

    @Test
    void titlesAndInitialsNeverEndASentence() {
        assertThat(SentenceSplitter.split("I met Dr. Smith and Mr. Jones. Then Michael I. Jordan spoke."))
                .containsExactly("I met Dr. Smith and Mr. Jones.", "Then Michael I. Jordan spoke.");
        assertThat(SentenceSplitter.split("It was Chess vs. Go. Fun."))
                .containsExactly("It was Chess vs. Go.", "Fun.");
    }

    @Test
    void numbersDomainsAndEllipsesStayWhole() {
        assertThat(SentenceSplitter.split("Version 3.5 of comma.ai shipped... It was fine."))
                .containsExactly("Version 3.5 of comma.ai shipped...", "It was fine.");
    }

    @Test
    void closingQuotesStayWithTheirSentence() {
        assertThat(SentenceSplitter.split("He said \"stop.\" Then he left."))
                .containsExactly("He said \"stop.\"", "Then he left.");
    }

    @Test
    void aRunWithoutPunctuationIsCutIntoBoundedChunks() {
        String words = "word ".repeat(1000).trim();
        var out = SentenceSplitter.split(words);
        assertThat(out).allSatisfy(s -> assertThat(Text.wordCount(s)).isLessThanOrEqualTo(240));
        assertThat(out.stream().mapToInt(Text::wordCount).sum()).isEqualTo(1000);
    }
}

package dev.quotecast.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.junit.jupiter.api.Test;

/** Remembering stems changes no term, position or offset that {@link EnglishAnalyzer} gives. */
class EnglishStemmingTest {

    @Test
    void theSeedTranscriptAnalysesExactlyAsEnglishAnalyzerDoes() throws Exception {
        String seed = Files.readString(Path.of("transcripts/lex-fridman-073-andrew-ng.txt"));
        // twice through the same analyzer: the second pass is served from the memo
        EnglishStemming remembering = new EnglishStemming(EnglishAnalyzer.ENGLISH_STOP_WORDS_SET);
        List<String> expected = tokens(new EnglishAnalyzer(), seed);
        assertThat(expected).hasSizeGreaterThan(10_000);
        assertThat(tokens(remembering, seed)).isEqualTo(expected);
        assertThat(tokens(remembering, seed)).isEqualTo(expected);
    }

    @Test
    void possessivesCapitalsNumbersAndStopWordsToo() throws Exception {
        String text = "Andrew's courses, COURSES and coursing; the running runner ran 1,000 runs. "
                + "Generalization generalizes; généralisation, naïve NAÏVE naïve. It's what Lex's guests' habits are. "
                + "İSTANBUL ΣΟΦΙΑ \uD801\uDC00BC RUNNING\uD801\uDC00 ÉCOLE Walks WALKS walks";
        CharArraySet stops = new CharArraySet(EnglishAnalyzer.ENGLISH_STOP_WORDS_SET, true);
        stops.addAll(Analyzers.QUESTION_WORDS);
        EnglishStemming remembering = new EnglishStemming(stops);
        for (int pass = 0; pass < 3; pass++) {
            assertThat(tokens(remembering, text)).isEqualTo(tokens(new EnglishAnalyzer(stops), text));
        }
    }

    @Test
    void wordsThatTakeEachOthersSlotsStillStemRight() throws Exception {
        EnglishStemming remembering = new EnglishStemming(EnglishAnalyzer.ENGLISH_STOP_WORDS_SET);
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < EnglishStemming.MEMO_SLOTS * 3; i++) many.append("walking").append(Integer.toString(i, 26).replaceAll("[0-9]", "q")).append("s ");
        String text = many.toString();
        List<String> expected = tokens(new EnglishAnalyzer(), text);
        assertThat(tokens(remembering, text)).isEqualTo(expected);
        assertThat(tokens(remembering, text + " generalizations organizational")).isEqualTo(tokens(new EnglishAnalyzer(), text + " generalizations organizational"));
    }

    /** Each term with its position increment and offsets. */
    private static List<String> tokens(Analyzer analyzer, String text) throws Exception {
        List<String> out = new ArrayList<>();
        try (TokenStream ts = analyzer.tokenStream(Fields.TEXT, text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            PositionIncrementAttribute inc = ts.addAttribute(PositionIncrementAttribute.class);
            OffsetAttribute offset = ts.addAttribute(OffsetAttribute.class);
            ts.reset();
            while (ts.incrementToken()) out.add(term + "+" + inc.getPositionIncrement() + "@" + offset.startOffset() + "-" + offset.endOffset());
            ts.end();
        }
        return out;
    }
}

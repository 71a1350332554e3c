package dev.quotecast.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;

/**
 * The analyzers Quotecast indexes and searches with.
 *
 * <p>Both analyse as {@link EnglishAnalyzer} does ({@link EnglishStemming}, which remembers stems):
 * both stem with Porter and drop English stop words, so "habits" finds "habit". The query side
 * also drops the words people use to ask ("what", "does", "say", "about", "he"): they carry no topic,
 * and left in they pull up passages full of questions instead of answers.
 */
public final class Analyzers {

    public static final List<String> QUESTION_WORDS = List.of(
            "what", "whats", "who", "whom", "whose", "which", "when", "where", "why", "how", "does", "did", "do",
            "doing", "done", "is", "are", "was", "were", "can", "could", "would", "should", "will", "shall", "may",
            "might", "must", "has", "have", "had", "he", "she", "him", "her", "his", "hers", "they", "them", "their",
            "you", "your", "yours", "i", "me", "my", "we", "us", "our", "it", "its", "say", "said", "says", "saying",
            "tell", "told", "think", "thinks", "thought", "talk", "talked", "talks", "about", "according", "guest",
            "episode", "podcast", "lex", "fridman", "mention", "mentioned", "describe", "described", "explain",
            "explained", "one", "much", "many", "some", "any", "there", "here", "get", "got", "give", "gives",
            "like", "kind", "sort", "thing", "things", "really", "just", "also", "s", "t", "d", "ll", "re", "ve", "m",
            // light verbs: "how do I build a habit?" asks about habits
            "build", "builds", "make", "makes", "made", "become", "becomes");

    private final Analyzer index;
    private final Analyzer query;

    public Analyzers() {
        this.index = new EnglishStemming(EnglishAnalyzer.ENGLISH_STOP_WORDS_SET);
        CharArraySet stops = new CharArraySet(EnglishAnalyzer.ENGLISH_STOP_WORDS_SET, true);
        stops.addAll(QUESTION_WORDS);
        this.query = new EnglishStemming(stops);
    }

    /** For indexed text: passages, titles. */
    public Analyzer index() {
        return index;
    }

    /** For user text: topics and questions. */
    public Analyzer query() {
        return query;
    }

    /** A term and its position, as the analyzer produced them. */
    public record Token(String term, int position) {}

    /** Runs an analyzer over text, bounded to {@code max} tokens. */
    public static List<Token> tokens(Analyzer analyzer, String field, String text, int max) {
        List<Token> out = new ArrayList<>();
        try (TokenStream ts = analyzer.tokenStream(field, text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            PositionIncrementAttribute inc = ts.addAttribute(PositionIncrementAttribute.class);
            ts.reset();
            int pos = -1;
            while (ts.incrementToken() && out.size() < max) {
                pos += inc.getPositionIncrement();
                out.add(new Token(term.toString(), pos));
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** The distinct terms of a text, in order of first appearance. */
    public static List<String> terms(Analyzer analyzer, String text, int max) {
        List<String> out = new ArrayList<>();
        for (Token t : tokens(analyzer, Fields.TEXT, text, max * 4)) {
            if (!out.contains(t.term())) out.add(t.term());
            if (out.size() >= max) break;
        }
        return out;
    }
}

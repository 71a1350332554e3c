package dev.quotecast.search;

import java.io.IOException;
import java.util.Arrays;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.StopwordAnalyzerBase;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.KeywordAttribute;

/**
 * {@link EnglishAnalyzer}'s analysis, term for term, with each word's Porter stem remembered.
 *
 * <p>Running text repeats a few thousand words most of the time, and Porter stemmed each of them
 * again at every occurrence: about a tenth of a 1,000-episode cold build's samples in a JFR
 * profile (issue 20). Lucene's {@code PorterStemmer} is not public, so the memo sits on both sides
 * of {@link PorterStemFilter}: before it, a remembered word gets its stem and is marked a keyword,
 * which the stemmer passes over; after it, a word the stemmer did stem is remembered.
 * {@code EnglishStemmingTest} checks the terms against {@link EnglishAnalyzer}'s.
 */
final class EnglishStemming extends StopwordAnalyzerBase {

    /**
     * Slots of the memo per analysing thread (a power of two). Running text draws most of its words
     * from a few thousand, so a small table catches nearly all of them, and a fixed size keeps a
     * long-running bot's memo small: about 100 bytes a slot once filled.
     */
    static final int MEMO_SLOTS = 1 << 14;

    EnglishStemming(CharArraySet stopwords) {
        super(stopwords);
    }

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
        // the chain of EnglishAnalyzer without a stem exclusion set
        Tokenizer source = new StandardTokenizer();
        TokenStream result = new EnglishPossessiveFilter(source);
        result = new LowerCaseFilter(result);
        result = new StopFilter(result, stopwords);
        Memo memo = new Memo();
        result = new Recall(result, memo);
        result = new PorterStemFilter(result);
        result = new Remember(result, memo);
        return new TokenStreamComponents(source, result);
    }

    @Override
    protected TokenStream normalize(String fieldName, TokenStream in) {
        return new LowerCaseFilter(in);
    }

    /**
     * One analysing thread's words and their stems, and the word now passing through the stemmer.
     * Each word has one slot, chosen by its hash; a word that lands on a taken slot takes it over.
     * Lucene's {@code CharArrayMap} was tried first and cost two thirds of what it saved: it
     * compares the characters of every key it probes, where a stored hash turns most aside.
     */
    private static final class Memo {
        private final int[] hashes = new int[MEMO_SLOTS];
        private final char[][] words = new char[MEMO_SLOTS][];
        private final char[][] stems = new char[MEMO_SLOTS][];
        char[] word = new char[32];
        int wordLength;
        int wordHash;
        boolean toRemember;
        boolean recalled;

        static int hash(char[] text, int length) {
            int h = 0;
            for (int i = 0; i < length; i++) h = 31 * h + text[i];
            return h ^ (h >>> 16);
        }

        /** The stem remembered for {@code text[0, length)} with hash {@code h}, or null. */
        char[] stem(char[] text, int length, int h) {
            int slot = h & (MEMO_SLOTS - 1);
            if (hashes[slot] != h) return null;
            char[] w = words[slot];
            if (w == null || !Arrays.equals(w, 0, w.length, text, 0, length)) return null;
            return stems[slot];
        }

        void remember(char[] stem, int stemLength) {
            int slot = wordHash & (MEMO_SLOTS - 1);
            hashes[slot] = wordHash;
            words[slot] = Arrays.copyOf(word, wordLength);
            stems[slot] = Arrays.copyOf(stem, stemLength);
        }
    }

    /** Gives a remembered word its stem and marks it so that {@link PorterStemFilter} leaves it. */
    private static final class Recall extends TokenFilter {
        private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
        private final KeywordAttribute keyword = addAttribute(KeywordAttribute.class);
        private final Memo memo;

        Recall(TokenStream input, Memo memo) {
            super(input);
            this.memo = memo;
        }

        @Override
        public boolean incrementToken() throws IOException {
            if (!input.incrementToken()) return false;
            memo.toRemember = false;
            memo.recalled = false;
            if (keyword.isKeyword()) return true;
            int h = Memo.hash(term.buffer(), term.length());
            char[] stem = memo.stem(term.buffer(), term.length(), h);
            if (stem != null) {
                term.copyBuffer(stem, 0, stem.length);
                keyword.setKeyword(true);
                memo.recalled = true;
            } else {
                if (memo.word.length < term.length()) memo.word = new char[term.length()];
                System.arraycopy(term.buffer(), 0, memo.word, 0, term.length());
                memo.wordLength = term.length();
                memo.wordHash = h;
                memo.toRemember = true;
            }
            return true;
        }
    }

    /** Remembers the stem {@link PorterStemFilter} just gave a word {@link Recall} did not know. */
    private static final class Remember extends TokenFilter {
        private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
        private final KeywordAttribute keyword = addAttribute(KeywordAttribute.class);
        private final Memo memo;

        Remember(TokenStream input, Memo memo) {
            super(input);
            this.memo = memo;
        }

        @Override
        public boolean incrementToken() throws IOException {
            if (!input.incrementToken()) return false;
            if (memo.toRemember) {
                memo.remember(term.buffer(), term.length());
            } else if (memo.recalled) {
                keyword.setKeyword(false); // as the stemmer leaves a word it stemmed
            }
            return true;
        }
    }
}

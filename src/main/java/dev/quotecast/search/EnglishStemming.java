package dev.quotecast.search;

import java.io.IOException;
import java.util.Arrays;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.CharacterUtils;
import org.apache.lucene.analysis.FilteringTokenFilter;
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
 * {@link EnglishAnalyzer}'s analysis, term for term, with what each word becomes remembered: its
 * Porter stem, or nothing when it is a stop word.
 *
 * <p>Running text repeats a few thousand words most of the time, and each occurrence was looked
 * up among the stop words and stemmed by Porter again: together about a seventh of a
 * 1,000-episode cold build's Java samples in a JFR profile (issue 20). Lucene's
 * {@code PorterStemmer} is not public, so the memo sits on both sides of {@link PorterStemFilter}:
 * before it, {@link Recall} drops a stop word as {@link StopFilter} would and gives a remembered
 * word its stem, marked a keyword so that the stemmer passes over it; after it, {@link Remember}
 * keeps the stem the stemmer gave a new word. {@code EnglishStemmingTest} checks the terms,
 * positions and offsets against {@link EnglishAnalyzer}'s.
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
        // EnglishAnalyzer's chain without a stem exclusion set, its LowerCaseFilter and StopFilter done by Recall
        Tokenizer source = new StandardTokenizer();
        TokenStream result = new EnglishPossessiveFilter(source);
        Memo memo = new Memo();
        result = new Recall(result, stopwords, memo);
        result = new PorterStemFilter(result);
        result = new Remember(result, memo);
        return new TokenStreamComponents(source, result);
    }

    @Override
    protected TokenStream normalize(String fieldName, TokenStream in) {
        return new LowerCaseFilter(in);
    }

    /**
     * One analysing thread's words and what they become, and the word now passing through the
     * stemmer. Each word has one slot, chosen by its hash; a word that lands on a taken slot takes it
     * over. Lucene's {@code CharArrayMap} was tried first and cost two thirds of what it saved: it
     * compares the characters of every key it probes, where a stored hash turns most aside.
     */
    private static final class Memo {
        /** What a stop word becomes. */
        static final char[] DROPPED = new char[0];

        private final int[] hashes = new int[MEMO_SLOTS];
        private final char[][] words = new char[MEMO_SLOTS][];
        private final char[][] stems = new char[MEMO_SLOTS][];
        char[] word = new char[32];
        int wordLength;
        int wordHash;
        boolean toRemember;
        boolean recalled;

        /**
         * Lower-cases {@code text[0, length)} in place as {@link LowerCaseFilter} does and returns its
         * hash, in one pass over an ASCII word.
         */
        static int lowerAndHash(char[] text, int length) {
            int h = 0;
            for (int i = 0; i < length; i++) {
                char c = text[i];
                if (c >= 0x80) {
                    CharacterUtils.toLowerCase(text, 0, length); // code points, as LowerCaseFilter does
                    return hashOf(text, length);
                }
                if (c >= 'A' && c <= 'Z') text[i] = c = (char) (c + ('a' - 'A'));
                h = 31 * h + c;
            }
            return h ^ (h >>> 16);
        }

        private static int hashOf(char[] text, int length) {
            int h = 0;
            for (int i = 0; i < length; i++) h = 31 * h + text[i];
            return h ^ (h >>> 16);
        }

        /** The stem remembered for {@code text[0, length)} with hash {@code h}, {@link #DROPPED}, or null. */
        char[] recall(char[] text, int length, int h) {
            int slot = h & (MEMO_SLOTS - 1);
            if (hashes[slot] != h) return null;
            char[] w = words[slot];
            if (w == null || w.length != length) return null;
            // a plain loop: Arrays.equals on ranges this short cost more than the comparison
            for (int i = 0; i < length; i++) if (w[i] != text[i]) return null;
            return stems[slot];
        }

        /** Remembers that the word {@link Recall} last held becomes {@code stem[0, stemLength)}. */
        void remember(char[] stem, int stemLength) {
            int slot = wordHash & (MEMO_SLOTS - 1);
            hashes[slot] = wordHash;
            words[slot] = Arrays.copyOf(word, wordLength);
            stems[slot] = stem == DROPPED ? DROPPED : Arrays.copyOf(stem, stemLength);
        }

        void hold(char[] text, int length, int h) {
            if (word.length < length) word = new char[length];
            System.arraycopy(text, 0, word, 0, length);
            wordLength = length;
            wordHash = h;
        }
    }

    /**
     * Drops stop words, as {@link StopFilter} does (the position they leave is added to the next
     * word's), and gives a remembered word its stem, marked so that {@link PorterStemFilter} leaves it.
     */
    private static final class Recall extends FilteringTokenFilter {
        private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
        private final KeywordAttribute keyword = addAttribute(KeywordAttribute.class);
        private final CharArraySet stopwords;
        private final Memo memo;

        Recall(TokenStream input, CharArraySet stopwords, Memo memo) {
            super(input);
            this.stopwords = stopwords;
            this.memo = memo;
        }

        @Override
        protected boolean accept() {
            memo.toRemember = false;
            memo.recalled = false;
            char[] text = term.buffer();
            int length = term.length();
            int h = Memo.lowerAndHash(text, length);
            char[] known = memo.recall(text, length, h);
            if (known == Memo.DROPPED) return false;
            if (known != null) {
                if (!keyword.isKeyword()) {
                    term.copyBuffer(known, 0, known.length);
                    keyword.setKeyword(true);
                    memo.recalled = true;
                }
                return true;
            }
            boolean stop = stopwords.contains(text, 0, length);
            memo.hold(text, length, h);
            if (stop) {
                memo.remember(Memo.DROPPED, 0);
                return false;
            }
            memo.toRemember = !keyword.isKeyword();
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

package dev.quotecast.transcript;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Splits transcript text into sentences.
 *
 * <p>A sentence ends at {@code .}, {@code ?} or {@code !} followed by a space and a word that does
 * not start in lower case. Titles such as {@code Dr.} and single initials ({@code Michael I. Jordan})
 * never end a sentence. {@code p.m.} or {@code U.S.} end one only when the next word is capitalised,
 * which is how Whisper writes them. Paragraph breaks are handled by the caller, which joins a
 * paragraph that starts in lower case to the one before it.
 */
public final class SentenceSplitter {

    private static final Set<String> NEVER_ENDS = Set.of(
            "mr", "mrs", "ms", "dr", "st", "vs", "prof", "jr", "sr", "mt", "no", "gen", "sen", "rep", "gov",
            "lt", "col", "capt", "sgt", "fig", "approx", "ft", "e.g", "i.e", "cf", "vol", "rev", "inc");

    /** Words longer than this many characters without a break are cut, to bound sentence length. */
    private static final int MAX_SENTENCE_WORDS = 120;

    private SentenceSplitter() {}

    public static List<String> split(String text) {
        List<String> out = new ArrayList<>();
        int n = text.length();
        int start = 0;
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            if ((c == '.' || c == '?' || c == '!') && endsHere(text, i)) {
                int end = i + 1;
                // keep closing quotes and brackets with the sentence
                while (end < n && "\"')]”’".indexOf(text.charAt(end)) >= 0) end++;
                add(out, text.substring(start, end));
                start = end;
                i = end;
            } else {
                i++;
            }
        }
        if (start < n) add(out, text.substring(start));
        return out;
    }

    private static boolean endsHere(String text, int i) {
        int n = text.length();
        // ellipses and runs of punctuation end at the last mark
        if (i + 1 < n && ".?!".indexOf(text.charAt(i + 1)) >= 0) return false;
        if (i + 1 < n && !Character.isWhitespace(text.charAt(i + 1)) && "\"')]”’".indexOf(text.charAt(i + 1)) < 0) {
            return false; // 3.5, comma.ai, U.S.
        }
        int next = i + 1;
        while (next < n && !Character.isLetterOrDigit(text.charAt(next))) next++;
        if (next >= n) return true;
        if (Character.isLowerCase(text.charAt(next))) return false;
        if (text.charAt(i) != '.') return true;
        String word = wordBefore(text, i);
        if (NEVER_ENDS.contains(word.toLowerCase())) return false;
        // a single capital initial: "Michael I. Jordan", "J. R. R."
        return !(word.length() == 1 && Character.isUpperCase(word.charAt(0)));
    }

    private static String wordBefore(String text, int dot) {
        int s = dot;
        while (s > 0 && !Character.isWhitespace(text.charAt(s - 1))) s--;
        String w = text.substring(s, dot);
        while (!w.isEmpty() && !Character.isLetterOrDigit(w.charAt(0))) w = w.substring(1);
        return w;
    }

    private static void add(List<String> out, String raw) {
        String s = raw.trim();
        if (s.isEmpty()) return;
        // a word and the space after it take two characters, so a sentence of up to four times the
        // cap in characters cannot exceed twice the cap in words: counting them was 2% of a cold build
        if (s.length() <= MAX_SENTENCE_WORDS * 4 || Text.wordCount(s) <= MAX_SENTENCE_WORDS * 2) {
            out.add(s); // the common case, without a regex split per sentence
            return;
        }
        String[] words = s.split("\\s+");
        for (int w = 0; w < words.length; w += MAX_SENTENCE_WORDS) {
            out.add(String.join(" ", java.util.Arrays.copyOfRange(words, w, Math.min(words.length, w + MAX_SENTENCE_WORDS))));
        }
    }
}

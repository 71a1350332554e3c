package dev.quotecast.transcript;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Gives sentences the times of a WebVTT track by word position. A transcript and its VTT hold the
 * same words in the same order (the {@code .txt} is the cues joined), so the n-th word of the text
 * is the n-th word of the cues; each word is timed within its cue by its character offset. Where
 * the two differ (an edited transcript), a short look-ahead re-synchronises on the next matching
 * word; a word the cues lack takes the time of the cue position reached and uses up no cue word.
 */
public final class VttTimes {

    /** How far ahead in the cues a word that does not match is looked for. */
    private static final int LOOKAHEAD = 30;

    private VttTimes() {}

    /** Start second of each sentence, given the sentences' texts in order. */
    public static int[] sentenceStarts(List<String> sentences, WebVtt.Track track) {
        List<String> cueWords = new ArrayList<>();
        List<Double> cueTimes = new ArrayList<>();
        for (WebVtt.Cue c : track.cues()) {
            String[] ws = c.text().split(" ");
            int chars = Math.max(1, c.text().length());
            int offset = 0;
            for (String w : ws) {
                if (w.isEmpty()) continue;
                cueWords.add(norm(w));
                cueTimes.add(c.start() + (c.end() - c.start()) * offset / chars);
                offset += w.length() + 1;
            }
        }
        int[] out = new int[sentences.size()];
        if (cueWords.isEmpty()) return out;
        int j = 0;
        int prev = 0;
        for (int s = 0; s < sentences.size(); s++) {
            String sentence = sentences.get(s);
            int startJ = -1;
            int end = 0;
            while (true) {
                // the words between the characters regex \s matches, without a regex or an array
                // of them per sentence (with norm's copies, 6% of a 1,000-episode build, issue 20)
                int start = end;
                while (start < sentence.length() && Text.isRegexSpace(sentence.charAt(start))) start++;
                if (start == sentence.length()) break;
                end = start;
                while (end < sentence.length() && !Text.isRegexSpace(sentence.charAt(end))) end++;
                String w = norm(sentence.substring(start, end));
                boolean matched = j < cueWords.size() && cueWords.get(j).equals(w);
                if (!matched && j < cueWords.size()) {
                    int k = resync(cueWords, j, w);
                    matched = k != j;
                    j = k;
                }
                if (startJ < 0) startJ = Math.min(j, cueWords.size() - 1);
                // a word the cues do not have is skipped without using up a cue word
                if (matched) j++;
            }
            int t = startJ < 0 ? prev : (int) Math.floor(cueTimes.get(startJ));
            prev = Math.max(prev, t);
            out[s] = prev;
        }
        return out;
    }

    /** The position of {@code w} a little ahead of {@code j}, or {@code j} when it is not near. */
    private static int resync(List<String> cueWords, int j, String w) {
        for (int k = j + 1; k < Math.min(cueWords.size(), j + LOOKAHEAD); k++) {
            if (cueWords.get(k).equals(w)) return k;
        }
        return j;
    }

    private static String norm(String w) {
        if (isLowerAsciiWord(w)) return w; // most words: nothing to drop or lower
        StringBuilder sb = new StringBuilder(w.length());
        for (int i = 0; i < w.length(); i++) {
            char c = w.charAt(i);
            if (Character.isLetterOrDigit(c)) sb.append(Character.toLowerCase(c));
        }
        return sb.length() == 0 ? w.toLowerCase(Locale.ROOT) : sb.toString();
    }

    /** True when every character is an ASCII lower-case letter or digit: what {@link #norm} keeps as it is. */
    private static boolean isLowerAsciiWord(String w) {
        if (w.isEmpty()) return false;
        for (int i = 0; i < w.length(); i++) {
            char c = w.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9')) return false;
        }
        return true;
    }

    /** The episode with the track's times: exact, no longer estimated. */
    public static Episode apply(Episode e, WebVtt.Track track, String checksum) {
        return apply(e, track, checksum, e.format());
    }

    /** As {@link #apply(Episode, WebVtt.Track, String)}, saying how the episode was read now ({@code "seed .txt + .vtt times"}). */
    public static Episode apply(Episode e, WebVtt.Track track, String checksum, String format) {
        List<String> texts = new ArrayList<>(e.sentences().size());
        for (Sentence s : e.sentences()) texts.add(s.text());
        int[] starts = sentenceStarts(texts, track);
        List<Sentence> timed = new ArrayList<>(texts.size());
        for (Sentence s : e.sentences()) timed.add(s.at(starts[s.index()]));
        return e.withSentences(timed, false, checksum, format);
    }
}

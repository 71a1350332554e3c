package dev.quotecast.train;

import dev.quotecast.content.Corpus;
import dev.quotecast.eval.EvalSet;
import dev.quotecast.transcript.Episode;
import dev.quotecast.transcript.Sentence;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Training questions for the answer ranker taken from the interviews themselves: the host's
 * question and the guest's reply that follows it are a labeled pair nobody had to write. The
 * question is put in the third person the way people ask in chat ("you" becomes the guest's
 * name), and the reply's opening words are the expected text, so a candidate is right when it
 * shows the reply, and best when it highlights it rather than the question.
 *
 * <p>Only episodes of the {@code train} split are mined, so dev and test stay unseen. Whether the
 * pairs help is measured on dev ({@code quotecast train --mined N}); eval/QUALITY.md ("Fifth
 * round") has the figures.
 */
final class MinedQuestions {

    /** A question worth asking: long enough to mean something on its own. */
    static final int MIN_QUESTION_WORDS = 7;
    /** A reply that answers: long enough to hold an answer, not "Yes." */
    static final int MIN_REPLY_WORDS = 8;
    /** Words of the reply that must be shown: enough to be found once in an episode. */
    static final int EXPECTED_WORDS = 7;

    /** A question put straight to the guest starts with one of these, once its spoken opener is dropped. */
    private static final Pattern DIRECT = Pattern.compile("^(?:what|what's|why|how|when|where|who|which|do|does|did|is|are|was|were|can|could|"
            + "would|should|will|have|has)\\b", Pattern.CASE_INSENSITIVE);
    /** Longer than this it is a story with a question in it, not a question. */
    static final int MAX_QUESTION_WORDS = 35;
    private static final Pattern YOU_CONTRACTED = Pattern.compile("\\byou('re|'ve|'d|'ll)\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern YOU = Pattern.compile("\\byou\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern YOUR = Pattern.compile("\\byour\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern YOURSELF = Pattern.compile("\\byourself\\b", Pattern.CASE_INSENSITIVE);
    /** Openers of spoken questions that a written one drops. */
    private static final Pattern OPENER = Pattern.compile("^(?:(?:so|and|but|well|okay|ok|now|yeah|right|oh|let me ask(?: you)?|i have to ask(?: you)?)\\b[,.]?\\s*)+",
            Pattern.CASE_INSENSITIVE);

    private MinedQuestions() {}

    /**
     * Up to {@code perEpisode} question-and-reply pairs from each {@code train} episode of
     * {@code corpus}, spread evenly over the episode, as ask rows.
     *
     * @param splits episode file to split, from {@code eval/splits.tsv}
     */
    static List<EvalSet.Row> from(Corpus corpus, Map<String, String> splits, int perEpisode) {
        List<EvalSet.Row> out = new ArrayList<>();
        if (perEpisode <= 0) return out;
        for (Episode e : corpus.episodes()) {
            String file = e.source() == null ? null : e.source().getFileName().toString();
            if (file == null || !"train".equals(splits.get(file))) continue;
            List<EvalSet.Row> pairs = pairs(e, file);
            // evenly spaced, so the pairs are not all from the first minutes
            int n = Math.min(perEpisode, pairs.size());
            for (int k = 0; k < n; k++) out.add(pairs.get((int) ((long) k * pairs.size() / n)));
        }
        return out;
    }

    /** Every usable pair of {@code e}, in order. */
    static List<EvalSet.Row> pairs(Episode e, String file) {
        List<EvalSet.Row> out = new ArrayList<>();
        String guest = e.title().guest();
        if (guest == null || guest.isBlank()) return out;
        List<Sentence> ss = e.sentences();
        String whole = EvalSet.normalise(e.text(0, ss.size() - 1));
        for (int i = 0; i + 1 < ss.size(); i++) {
            Sentence q = ss.get(i), reply = ss.get(i + 1);
            if (!q.quotable() || !reply.quotable()) continue;
            if (!q.text().endsWith("?") || q.wordCount() < MIN_QUESTION_WORDS) continue;
            if (reply.text().endsWith("?") || reply.wordCount() < MIN_REPLY_WORDS) continue;
            if (q.wordCount() > MAX_QUESTION_WORDS || !DIRECT.matcher(OPENER.matcher(q.text().strip()).replaceFirst("")).find()) continue;
            if (!YOU.matcher(q.text()).find() && !YOUR.matcher(q.text()).find()) continue; // asked of the guest
            String expected = firstWords(reply.text(), EXPECTED_WORDS);
            // the reply's opening must point at this reply alone, not at every "I think that's a great question"
            if (occurrences(whole, EvalSet.normalise(expected)) != 1) continue;
            out.add(new EvalSet.Row(i + 1, EvalSet.Kind.ASK, thirdPerson(q.text(), guest), List.of(expected), file));
        }
        return out;
    }

    /** "So what do you think of your first job?" asked of Ada Lovelace: "what do Ada Lovelace think of Ada Lovelace's first job?" */
    static String thirdPerson(String question, String guest) {
        String q = OPENER.matcher(question.strip()).replaceFirst("");
        q = YOU_CONTRACTED.matcher(q).replaceAll(m -> java.util.regex.Matcher.quoteReplacement(guest + switch (m.group(1).toLowerCase(Locale.ROOT)) {
            case "'re" -> " is";
            case "'ve" -> " has";
            case "'d" -> " would";
            default -> " will";
        }));
        q = YOURSELF.matcher(q).replaceAll(java.util.regex.Matcher.quoteReplacement(guest));
        q = YOUR.matcher(q).replaceAll(java.util.regex.Matcher.quoteReplacement(guest + "'s"));
        q = YOU.matcher(q).replaceAll(java.util.regex.Matcher.quoteReplacement(guest));
        return q.isEmpty() ? q : q.substring(0, 1).toUpperCase(Locale.ROOT) + q.substring(1);
    }

    private static int occurrences(String text, String part) {
        int n = 0;
        for (int at = text.indexOf(part); at >= 0 && n < 2; at = text.indexOf(part, at + 1)) n++;
        return n;
    }

    static String firstWords(String text, int n) {
        String[] words = text.strip().split("\\s+");
        return String.join(" ", java.util.Arrays.copyOf(words, Math.min(n, words.length)));
    }
}

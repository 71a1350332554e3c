package dev.quotecast.search;

import dev.quotecast.transcript.Episode;
import dev.quotecast.transcript.Sentence;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts an episode into the passages both indexes hold: runs of up to {@link #MAX_SENTENCES}
 * sentences that stop once they reach {@link #TARGET_WORDS} words. Three sentences is about what an
 * answer needs; the word cap keeps one rambling sentence from dragging two more into a passage
 * whose BM25 length norm (and embedding) would then be diluted. The keyword index and the vector
 * index cut the same way, so a passage means the same sentences in both.
 */
public final class Passages {

    static final int MAX_SENTENCES = 3;
    static final int TARGET_WORDS = 70;

    private Passages() {}

    /** Sentences {@code first..last} of an episode, and their text joined by spaces. */
    public record Window(int first, int last, String text) {}

    /** Sentences {@code first..last} of an episode: a passage without its text. */
    public record Span(int first, int last) {}

    /** The passages of an episode with their text: what is embedded and indexed. */
    public static List<Window> of(Episode e) {
        List<Sentence> ss = e.sentences();
        List<Span> spans = spans(e);
        List<Window> out = new ArrayList<>(spans.size());
        StringBuilder text = new StringBuilder();
        for (Span p : spans) {
            text.setLength(0);
            for (int i = p.first(); i <= p.last(); i++) {
                if (text.length() > 0) text.append(' ');
                text.append(ss.get(i).text());
            }
            out.add(new Window(p.first(), p.last(), text.toString()));
        }
        return out;
    }

    /**
     * The same cut as {@link #of} without joining any text. Answering needs only where each
     * passage starts and ends, for every passage of up to 40 candidate episodes per question:
     * joining their text was a third of a warm {@code ask}'s Java time at 101 episodes (issue 20).
     */
    public static List<Span> spans(Episode e) {
        List<Sentence> ss = e.sentences();
        List<Span> out = new ArrayList<>(ss.size() / 2 + 1);
        int i = 0;
        while (i < ss.size()) {
            int first = i, words = 0;
            while (i < ss.size() && i - first < MAX_SENTENCES && (words < TARGET_WORDS || i == first)) {
                words += ss.get(i).wordCount();
                i++;
            }
            out.add(new Span(first, i - 1));
        }
        return out;
    }
}

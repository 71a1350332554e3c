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

    public static List<Window> of(Episode e) {
        List<Sentence> ss = e.sentences();
        List<Window> out = new ArrayList<>(ss.size() / 2 + 1);
        StringBuilder text = new StringBuilder();
        int i = 0;
        while (i < ss.size()) {
            int first = i, words = 0;
            text.setLength(0);
            while (i < ss.size() && i - first < MAX_SENTENCES && (words < TARGET_WORDS || i == first)) {
                if (text.length() > 0) text.append(' ');
                text.append(ss.get(i).text());
                words += ss.get(i).wordCount();
                i++;
            }
            out.add(new Window(first, i - 1, text.toString()));
        }
        return out;
    }
}

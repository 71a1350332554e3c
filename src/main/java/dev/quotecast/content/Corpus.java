package dev.quotecast.content;

import dev.quotecast.search.Passages;
import dev.quotecast.transcript.Episode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The episodes being served, by id: an immutable snapshot, replaced whole on re-index. */
public final class Corpus {
    private final Map<String, Episode> byId;

    public Corpus(Collection<Episode> episodes) {
        Map<String, Episode> m = new LinkedHashMap<>();
        episodes.stream().sorted(Comparator.comparing(Episode::id)).forEach(e -> m.put(e.id(), e));
        this.byId = Map.copyOf(m);
        this.ordered = List.copyOf(m.values());
    }

    private final List<Episode> ordered;
    /**
     * Each episode's passage cut, made on first use: a warm {@code ask} reads the cut of up to 40
     * candidate episodes twice, and cutting them every time was a sixth of its Java time at 101
     * episodes (issue 20). The episodes never change within a corpus, so neither do their cuts.
     */
    private final Map<String, List<Passages.Span>> spans = new ConcurrentHashMap<>();

    public Optional<Episode> get(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** Episodes in id order: a stable order for rotations. */
    public List<Episode> episodes() {
        return ordered;
    }

    /** The passages of an episode of this corpus ({@link Passages#spans}), cut once. */
    public List<Passages.Span> spans(Episode e) {
        List<Passages.Span> cut = spans.get(e.id());
        if (cut != null && byId.get(e.id()) == e) return cut;
        if (byId.get(e.id()) != e) return Passages.spans(e); // not this corpus's episode: not remembered
        return spans.computeIfAbsent(e.id(), id -> List.copyOf(Passages.spans(e)));
    }

    public int size() {
        return ordered.size();
    }

    public long sentenceCount() {
        long n = 0;
        for (Episode e : ordered) n += e.sentences().size();
        return n;
    }

    /** Episodes with this number (usually one). */
    public List<Episode> byNumber(int number) {
        List<Episode> out = new ArrayList<>();
        for (Episode e : ordered) if (e.title().number() != null && e.title().number() == number) out.add(e);
        return out;
    }
}

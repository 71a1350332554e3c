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

    /**
     * As {@link #Corpus(Collection)}, keeping what {@code previous} already found of each sentence's
     * {@link #answerKinds} for the episodes it shares with this one: a reload re-reads only changed
     * files, so an unchanged episode is the same object, and the bot reads every sentence's kinds
     * after each reload ({@link #readAnswerKinds}), which would otherwise start over (about 23 s of
     * one core at 1,000 episodes). A changed episode is another object and is read afresh.
     */
    public Corpus(Collection<Episode> episodes, Corpus previous) {
        this(episodes);
        for (Episode e : ordered) {
            byte[] kinds = previous.holds(e) ? previous.answerKinds.get(e.id()) : null;
            if (kinds != null) answerKinds.put(e.id(), kinds);
        }
    }

    private final List<Episode> ordered;
    /**
     * Each episode's passage cut, made on first use: a warm {@code ask} reads the cut of up to 40
     * candidate episodes twice, and cutting them every time was a sixth of its Java time at 101
     * episodes (issue 20). The episodes never change within a corpus, so neither do their cuts.
     */
    private final Map<String, List<Passages.Span>> spans = new ConcurrentHashMap<>();

    /** Per episode, which passage of {@link #spans} each sentence is in, made with the cut. */
    private final Map<String, int[]> passageOf = new ConcurrentHashMap<>();
    /**
     * Per episode and sentence, what kind of answer the sentence and the next hold
     * ({@link QuestionKind#kindsIn}), 0 until first asked: three regular expressions over every
     * candidate of every question were a tenth of a warm ask (issue 20), and the text never changes.
     */
    private final Map<String, byte[]> answerKinds = new ConcurrentHashMap<>();

    /** The sentences' terms for {@link TermCoverage}, made on first use with the searcher's analyser. */
    private volatile SentenceTerms sentenceTerms;

    /**
     * The terms of this corpus's sentences as {@code analyzer} makes them, kept across questions
     * ({@link SentenceTerms}); a new set if the analyser is another one.
     */
    SentenceTerms sentenceTerms(org.apache.lucene.analysis.Analyzer analyzer) {
        SentenceTerms t = sentenceTerms;
        if (t != null && t.analyzer() == analyzer) return t;
        synchronized (this) {
            t = sentenceTerms;
            if (t == null || t.analyzer() != analyzer) sentenceTerms = t = new SentenceTerms(analyzer, SentenceTerms.MAX_SENTENCES);
            return t;
        }
    }

    public Optional<Episode> get(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** Episodes in id order: a stable order for rotations. */
    public List<Episode> episodes() {
        return ordered;
    }

    /** The passages of an episode of this corpus ({@link Passages#spans}), cut once. */
    public List<Passages.Span> spans(Episode e) {
        if (!holds(e)) return Passages.spans(e);
        return spans.computeIfAbsent(e.id(), id -> List.copyOf(Passages.spans(e)));
    }

    /**
     * True when {@code e} is this corpus's own episode, the one object the per-episode caches may
     * keep things for; another version of it (or another corpus's) is worked out afresh, not kept.
     */
    private boolean holds(Episode e) {
        return byId.get(e.id()) == e;
    }

    /** For each sentence of the episode, the index of the passage of {@link #spans} holding it. */
    public int[] passageOf(Episode e) {
        if (!holds(e)) return passageIndex(e, Passages.spans(e));
        return passageOf.computeIfAbsent(e.id(), id -> passageIndex(e, spans(e)));
    }

    private static int[] passageIndex(Episode e, List<Passages.Span> spans) {
        int[] of = new int[e.sentences().size()];
        for (int k = 0; k < spans.size(); k++) for (int i = spans.get(k).first(); i <= spans.get(k).last(); i++) of[i] = k;
        return of;
    }

    /** {@link QuestionKind#kindsIn} of sentences {@code i} and {@code i + 1} of the episode, found once per sentence. */
    int answerKinds(Episode e, int i) {
        if (!holds(e)) return QuestionKind.kindsIn(e.text(i, i + 1));
        byte[] kinds = answerKinds.computeIfAbsent(e.id(), id -> new byte[e.sentences().size()]);
        // a race computes the same value twice; a byte is written whole
        if (kinds[i] == 0) kinds[i] = (byte) (QuestionKind.kindsIn(e.text(i, i + 1)) | KNOWN);
        return kinds[i] & ~KNOWN;
    }

    /**
     * Finds the {@link #answerKinds} of every sentence now, on the bot's background thread after a
     * start or reload, so that questions do not: the first questions of a fresh engine read them
     * for sentence after sentence, an eighth of a warm {@code ask}'s Java samples at 101 episodes (BENCHMARKS.md,
     * "One graph per library"). Stops between episodes once {@code stop} says so;
     * returns the episodes read.
     */
    public int readAnswerKinds(java.util.function.BooleanSupplier stop) {
        int read = 0;
        for (Episode e : ordered) {
            if (stop.getAsBoolean()) break;
            for (int i = 0; i < e.sentences().size(); i++) answerKinds(e, i);
            read++;
        }
        return read;
    }

    /** How many of the episode's sentences have their {@link #answerKinds} found: what a reload keeps. */
    int answerKindsFound(Episode e) {
        byte[] kinds = answerKinds.get(e.id());
        int n = 0;
        if (kinds != null && holds(e)) for (byte k : kinds) if (k != 0) n++;
        return n;
    }

    /** Marks a sentence's {@link #answerKinds} as computed (a sentence may hold no kind at all). */
    private static final int KNOWN = 0x40;

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

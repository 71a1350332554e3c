package dev.quotecast.bench;

import dev.quotecast.transcript.Episode;
import dev.quotecast.transcript.Sentence;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Varied, deterministic queries for the latency loops, drawn from the corpus being measured: a
 * single repeated query would measure Lucene's caches and the CPU's branch predictor, not the
 * search. Topics are words of middling frequency (common enough to match, rare enough to
 * discriminate), questions are the evaluation questions plus templated and phrase questions, and
 * episode lookups mix numbers, guests and title words, found or not.
 */
public final class QueryMix {

    /** Queries for each measured command. */
    public record Mix(List<String> quotes, List<String> asks, List<String> episodes) {}

    private static final Pattern WORD = Pattern.compile("[A-Za-z]{4,14}");
    private static final Set<String> COMMON = Set.of("that", "this", "with", "have", "what", "there", "they", "just", "like",
            "know", "think", "about", "because", "really", "would", "which", "their", "from", "when", "where", "were", "been",
            "then", "than", "them", "these", "those", "some", "very", "also", "into", "your", "it's", "that's", "going", "thing",
            "things", "something", "kind", "sort", "mean", "actually", "yeah", "well", "said", "will", "could", "should",
            "does", "doing", "it'll", "there's", "maybe", "more", "much", "many", "other", "over", "here", "only", "even");
    private static final List<String> TEMPLATES = List.of(
            "what does he think about %s?", "why is %s important?", "how do you get better at %s?",
            "what is the best way to think about %s and %s?", "how does %s relate to %s?",
            "what did the guest say about %s?", "is %s a good idea?", "what advice does he give on %s?");

    private final long seed;

    public QueryMix(long seed) {
        this.seed = seed;
    }

    /**
     * {@code n} distinct queries of each kind (fewer only when the corpus cannot give that many
     * distinct episode lookups).
     *
     * @param evalQuestions questions from the evaluation sets, used first
     */
    public Mix generate(List<Episode> episodes, List<String> evalQuestions, int n) {
        SplittableRandom random = new SplittableRandom(seed);
        List<String> vocabulary = vocabulary(episodes);
        if (vocabulary.isEmpty()) throw new IllegalArgumentException("the corpus has no vocabulary");
        List<String> phrases = phrases(episodes, random);

        Set<String> quotes = new LinkedHashSet<>();
        for (int tries = 0; quotes.size() < n && tries < n * 20; tries++) {
            int words = random.nextInt(10) < 6 ? 1 : random.nextInt(4) < 3 ? 2 : 3;
            StringBuilder q = new StringBuilder();
            for (int i = 0; i < words; i++) q.append(i > 0 ? " " : "").append(pick(vocabulary, random));
            quotes.add(q.toString());
        }

        Set<String> asks = new LinkedHashSet<>(evalQuestions.subList(0, Math.min(evalQuestions.size(), n / 4)));
        for (int tries = 0; asks.size() < n && tries < n * 20; tries++) {
            if (random.nextBoolean() && !phrases.isEmpty()) {
                asks.add("what about " + phrases.get(random.nextInt(phrases.size())) + "?");
            } else {
                String t = TEMPLATES.get(random.nextInt(TEMPLATES.size()));
                asks.add(String.format(Locale.ROOT, t, pick(vocabulary, random), pick(vocabulary, random)));
            }
        }

        List<String> guests = new ArrayList<>(), titleWords = new ArrayList<>();
        int maxNumber = 1;
        for (Episode e : episodes) {
            if (e.title().guest() != null) guests.add(e.title().guest());
            if (e.title().number() != null) maxNumber = Math.max(maxNumber, e.title().number());
            Matcher m = WORD.matcher(e.title().topic() == null ? e.title().full() : e.title().topic());
            while (m.find()) titleWords.add(m.group().toLowerCase(Locale.ROOT));
        }
        Set<String> lookups = new LinkedHashSet<>();
        for (int tries = 0; lookups.size() < n && tries < n * 20; tries++) {
            int kind = random.nextInt(10);
            if (kind < 3) {
                int number = 1 + random.nextInt(maxNumber + maxNumber / 4 + 10);
                lookups.add(random.nextBoolean() ? String.valueOf(number) : "#" + number);
            } else if (kind < 6 && !guests.isEmpty()) {
                String g = guests.get(random.nextInt(guests.size()));
                String[] parts = g.split("\\s+");
                lookups.add(random.nextBoolean() ? g : parts[parts.length - 1] + (random.nextBoolean() ? "" : " " + pick(vocabulary, random)));
            } else if (kind < 8 && !titleWords.isEmpty()) {
                lookups.add(titleWords.get(random.nextInt(titleWords.size())) + " " + pick(vocabulary, random));
            } else {
                lookups.add(pick(vocabulary, random));
            }
        }
        return new Mix(List.copyOf(quotes), List.copyOf(asks), List.copyOf(lookups));
    }

    /** Words of middling frequency, from a sample of every episode's sentences. */
    static List<String> vocabulary(List<Episode> episodes) {
        Map<String, Integer> counts = new HashMap<>();
        for (Episode e : episodes) {
            List<Sentence> ss = e.sentences();
            int stride = Math.max(1, ss.size() / 300);
            for (int i = 0; i < ss.size(); i += stride) {
                Matcher m = WORD.matcher(ss.get(i).text());
                while (m.find()) {
                    String w = m.group().toLowerCase(Locale.ROOT);
                    if (!COMMON.contains(w)) counts.merge(w, 1, Integer::sum);
                }
            }
        }
        List<String> byFrequency = counts.entrySet().stream().filter(en -> en.getValue() >= 2)
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .map(Map.Entry::getKey).toList();
        if (byFrequency.size() < 200) return byFrequency;
        int from = Math.min(100, byFrequency.size() / 10);
        return byFrequency.subList(from, Math.min(byFrequency.size(), from + 5000));
    }

    /** Five-word runs from sentences across the corpus, for questions a passage can answer. */
    private static List<String> phrases(List<Episode> episodes, SplittableRandom random) {
        List<String> out = new ArrayList<>();
        for (Episode e : episodes) {
            List<Sentence> ss = e.sentences();
            for (int k = 0; k < 20 && !ss.isEmpty(); k++) {
                String[] words = ss.get(random.nextInt(ss.size())).text().split("\\s+");
                if (words.length < 8) continue;
                int start = 1 + random.nextInt(words.length - 6);
                out.add(String.join(" ", java.util.Arrays.copyOfRange(words, start, start + 5))
                        .replaceAll("[?.!,;:\"]", "").toLowerCase(Locale.ROOT));
            }
        }
        return out;
    }

    private static String pick(List<String> words, SplittableRandom random) {
        return words.get(random.nextInt(words.size()));
    }

    /** The {@code ask} rows of the evaluation sets under {@code shared/eval}, in file order. */
    public static List<String> evalQuestions(Path shared) {
        Path eval = shared == null ? null : shared.resolve("eval");
        if (eval == null || !Files.isDirectory(eval)) return List.of();
        List<String> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(eval)) {
            for (Path f : s.filter(p -> p.toString().endsWith(".tsv")).sorted(Comparator.naturalOrder()).toList()) {
                for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                    if (line.startsWith("#")) continue;
                    String[] cols = line.split("\t");
                    if (cols.length >= 2 && cols[0].equals("ask") && !cols[1].isBlank()) out.add(cols[1].trim());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + eval, e);
        }
        return out;
    }
}

package dev.quotecast.content;

import dev.quotecast.search.Searcher;
import dev.quotecast.speakers.HostModel;
import dev.quotecast.transcript.Episode;
import dev.quotecast.transcript.Sentence;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;

/**
 * Builds episode cards: an extractive summary, key topics and notable quotes.
 *
 * <p>Terms are weighted by TF-IDF: frequent in this episode, rare across the corpus. The summary
 * takes the most representative clean sentence from each of five equal parts of the conversation,
 * so it walks through the episode instead of repeating its densest minute. Notable quotes are read
 * as the guest's, so none is a span the host model (or the transcript's labels) gives to the host:
 * of the 37 such quotes the cards of 101 episodes featured, a blind reader found the host's words
 * in 19, and preferred the guest's span that replaced them 21 times to 10.
 */
public final class EpisodeSummarizer {

    static final int PARTS = 5;
    static final int TOPICS = 6;
    static final int QUOTES = 3;

    private final Analyzer analyzer;
    private final Function<Collection<String>, Map<String, Long>> docFreqs;
    private final long docCount;
    private final HostModel host;
    private final PartsOfSpeech partsOfSpeech;

    /**
     * @param analyzer the index analyzer (stems must match the index's)
     * @param docFreqs passage document frequencies of stemmed terms
     * @param docCount passages in the index
     * @param host tells the host's words, which are never a notable quote
     * @param partsOfSpeech tells a verb, which a key topic of one word must not be
     */
    public EpisodeSummarizer(Analyzer analyzer, Function<Collection<String>, Map<String, Long>> docFreqs, long docCount, HostModel host,
                             PartsOfSpeech partsOfSpeech) {
        this.analyzer = analyzer;
        this.docFreqs = docFreqs;
        this.docCount = Math.max(1, docCount);
        this.host = host;
        this.partsOfSpeech = partsOfSpeech;
    }

    public static EpisodeSummarizer over(Searcher searcher, Models models) {
        return new EpisodeSummarizer(searcher.indexAnalyzer(), searcher::docFreqs, searcher.passageCount(), models.host(), models.partsOfSpeech());
    }

    public EpisodeCard card(Episode e) {
        List<List<String>> stems = new ArrayList<>();
        Map<String, Integer> tf = new HashMap<>();
        Map<String, Map<String, Integer>> surface = new HashMap<>();
        // as written, leaving out each sentence's first indexed word, whose capital may only open the sentence: "Karpov", "iPod", "drilling"
        Map<String, Map<String, Integer>> written = new HashMap<>();
        // each sentence analysed once, for its terms here and for the topics' phrases
        List<List<String[]>> tokens = new ArrayList<>();
        for (Sentence s : e.sentences()) {
            List<String[]> toks = s.role() == Sentence.Role.SPONSOR ? null : tokens(s.text());
            tokens.add(toks);
            List<String> ts = new ArrayList<>();
            if (toks != null) {
                for (int k = 0; k < toks.size(); k++) {
                    String[] t = toks.get(k);
                    ts.add(t[0]);
                    surface.computeIfAbsent(t[0], x -> new HashMap<>()).merge(t[1], 1, Integer::sum);
                    if (k > 0) written.computeIfAbsent(t[0], x -> new HashMap<>()).merge(t[3], 1, Integer::sum);
                }
            }
            stems.add(ts);
            if (s.quotable()) for (String t : ts) tf.merge(t, 1, Integer::sum);
        }
        Map<String, Double> weight = new HashMap<>();
        // terms of two letters and numbers weigh nothing
        Map<String, Long> docFreq = docFreqs.apply(tf.keySet().stream().filter(t -> t.length() >= 3 && !t.chars().allMatch(Character::isDigit)).toList());
        for (Map.Entry<String, Integer> t : tf.entrySet()) {
            Long df = docFreq.get(t.getKey());
            if (df == null) continue;
            double idf = Math.log(1 + (double) docCount / (1 + df));
            weight.put(t.getKey(), Math.log(1 + t.getValue()) * idf);
        }
        List<Word> words = weight.entrySet().stream()
                .filter(t -> tf.get(t.getKey()) >= 3 && !FILLER.contains(mostCommon(surface.get(t.getKey()))))
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .map(t -> {
                    String shown = written.containsKey(t.getKey()) ? mostCommon(written.get(t.getKey())) : mostCommon(surface.get(t.getKey()));
                    return new Word(shown, surface.get(t.getKey()).getOrDefault(shown.toLowerCase(Locale.ROOT), 0));
                })
                .toList();
        List<String> topics = topics(e, tokens, weight, words);

        List<Integer> body = new ArrayList<>();
        for (Sentence s : e.sentences()) if (s.quotable()) body.add(s.index());
        List<Moment> summary = new ArrayList<>();
        List<Quote> quotes = new ArrayList<>();
        if (!body.isEmpty()) {
            for (int part = 0; part < PARTS; part++) {
                List<Integer> slice = body.subList(body.size() * part / PARTS, body.size() * (part + 1) / PARTS);
                bestSentence(e, slice, stems, weight, 12, 40).ifPresent(i -> summary.add(new Moment(e, i, i)));
            }
            for (int part = 0; part < QUOTES; part++) {
                List<Integer> slice = body.subList(body.size() * part / QUOTES, body.size() * (part + 1) / QUOTES);
                bestQuote(e, slice, stems, weight).ifPresent(quotes::add);
            }
        }
        return new EpisodeCard(e, summary, topics, quotes);
    }

    /** Words that carry no topic however often they are said: verbs of talk and thought, fillers, vague nouns. */
    static final java.util.Set<String> FILLER = java.util.Set.of("like", "just", "really", "know", "think", "mean", "kind", "sort", "lot",
            "thing", "things", "people", "yeah", "going", "gonna", "actually", "get", "got", "want", "say", "said", "go", "one", "way",
            "also", "much", "something", "well", "right", "okay", "even", "see", "make", "time", "very", "would", "could", "should", "can",
            "do", "does", "did", "done", "have", "has", "had", "let", "lets", "let's", "maybe", "probably", "pretty", "stuff", "guess",
            "talk", "talking", "look", "looking", "feel", "years", "year", "point", "course", "read", "concepts", "kinds", "wanna",
            "everything", "anything", "someone", "somebody", "good", "great", "different", "able", "today", "thought", "thinking",
            "question", "questions", "idea", "ideas", "sense", "work", "working", "example", "part", "use", "using", "used", "new",
            "many", "lots", "big", "little", "bit", "whole", "doing", "trying", "try", "makes", "made", "took", "take", "come", "came",
            "you", "your", "you're", "we", "our", "they", "them", "what", "when", "where", "how", "why", "who", "which", "every",
            "single", "all", "some", "any", "more", "most", "other", "another", "here", "now", "then", "because", "about", "i'm",
            "it's", "that's", "there's", "don't", "can't", "didn't", "isn't", "we're", "they're", "first", "last", "still",
            "never", "always", "ever", "back", "again", "two", "three", "four", "five", "hundred", "thousand", "million");

    /**
     * Function words the index does not drop but a topic never opens or closes with: a phrase said
     * again and again that ends in "than", "out" or "through", or opens with "I've" or "those", is
     * a piece of a sentence ("better than", "figure out", "went through", "I've been", "per ton"),
     * not a thing a listener would name.
     */
    static final java.util.Set<String> FUNCTION_WORDS = java.util.Set.of("than", "out", "down", "up", "off", "over", "through",
            "away", "per", "between", "into", "onto", "upon", "across", "along", "around", "behind", "beyond", "within", "without",
            "toward", "towards", "against", "among", "via", "back", "apart", "together", "i've", "i'll", "i'd", "you've", "you'll",
            "we've", "we'll", "they've", "those", "these", "itself", "himself", "herself", "themselves", "myself", "yourself", "been",
            "being", "am", "are", "was", "were", "will", "whether", "whatever", "whenever", "else", "since", "until", "unless");

    /**
     * A single word that may fill a card up, as written, and how many times it is said in that
     * form (lower-cased) outside sponsor reads: the count a name must hold most of to stand for it.
     */
    record Word(String text, int timesSaid) {}

    /**
     * Key topics as a listener would name them: phrases said again and again ("unsupervised
     * learning", "self driving cars") and names ("Coursera", "Google Brain") first, single words
     * only to fill up. A phrase is two or three neighbouring words, none a filler or a stop word,
     * said at least twice; it is weighed by how often and by how rare its words are in the library.
     * {@code tokens} holds each sentence's {@link #tokens} (null for a sponsor read, which is never quotable).
     */
    List<String> topics(Episode e, List<List<String[]>> tokens, Map<String, Double> weight, List<Word> words) {
        Map<String, Integer> phrases = new HashMap<>();
        // the same phrases counted by their stems, so that "self driving car" and "self driving cars" are one longer phrase
        Map<String, Integer> byStems = new HashMap<>();
        Map<String, String> stemsOf = new HashMap<>();
        Map<String, Double> phraseWeight = new HashMap<>();
        Map<String, Map<String, Integer>> cased = new HashMap<>();
        Map<String, Integer> names = new HashMap<>();
        for (int si = 0; si < e.sentences().size(); si++) {
            Sentence s = e.sentence(si);
            if (!s.quotable()) continue;
            List<String[]> toks = tokens.get(si);
            for (int i = 0; i < toks.size(); i++) {
                for (int len = 2; len <= 3 && i + len <= toks.size(); len++) {
                    StringBuilder phrase = new StringBuilder(), asSaid = new StringBuilder(), stemmed = new StringBuilder();
                    double w = 0;
                    boolean ok = true;
                    java.util.Set<String> seen = new java.util.HashSet<>();
                    for (int k = i; k < i + len; k++) {
                        String[] t = toks.get(k);
                        if (k > i && !t[2].equals("1")) ok = false; // a stop word between: not one phrase
                        if (FILLER.contains(t[1]) || t[1].length() < 3 || !seen.add(t[1])) ok = false; // no filler, no "verify verify"
                        w += weight.getOrDefault(t[0], 0.0);
                        if (phrase.length() > 0) {
                            phrase.append(' ');
                            asSaid.append(' ');
                        }
                        phrase.append(t[1]);
                        asSaid.append(t[3]);
                        stemmed.append(stemmed.length() > 0 ? " " : "").append(t[0]);
                    }
                    if (!ok || FUNCTION_WORDS.contains(toks.get(i)[1]) || FUNCTION_WORDS.contains(toks.get(i + len - 1)[1])) continue;
                    String key = phrase.toString();
                    phrases.merge(key, 1, Integer::sum);
                    byStems.merge(stemmed.toString(), 1, Integer::sum);
                    stemsOf.put(key, stemmed.toString());
                    phraseWeight.put(key, w / len);
                    cased.computeIfAbsent(key, x -> new HashMap<>()).merge(asSaid.toString(), 1, Integer::sum);
                }
            }
            java.util.regex.Matcher m = NAME.matcher(s.text());
            while (m.find()) {
                String n = m.group().trim();
                if (!FILLER.contains(n.toLowerCase(Locale.ROOT)) && !NOT_NAMES.contains(n)) names.merge(n, 1, Integer::sum);
            }
        }
        // each with its stems, as counted, for telling one topic inflected two ways at the choice
        record Scored(String text, List<String> stems, double score) {}
        List<Scored> candidates = new ArrayList<>();
        Map<String, Integer> extended = mostSaidExtension(byStems);
        phrases.forEach((k, n) -> {
            String stems = stemsOf.get(k);
            if (n < 2 || pieceOfLonger(byStems.get(stems), extended.getOrDefault(stems, 0))) return;
            double score = n * phraseWeight.get(k) * (k.split(" ").length == 3 ? 1.2 : 1.0);
            // "kim jong" is nearly always "Kim Jong Un", "conway's game" "Conway's Game of Life": the name stands for it
            String whole = nameHolding(k, n, names);
            // shown as it is most often written: "Gordon Ryan", "machine learning"
            if (whole != null) candidates.add(new Scored(whole, terms(whole), score));
            else candidates.add(new Scored(mostCommon(cased.get(k)), List.of(stems.split(" ")), score));
        });
        names.forEach((k, n) -> {
            List<String> stems = terms(k);
            String stem = stems.isEmpty() ? k.toLowerCase(Locale.ROOT) : stems.get(0);
            if (n >= 3) candidates.add(new Scored(k, stems, n * Math.max(1.0, weight.getOrDefault(stem, 1.0)) * 0.5));
        });
        candidates.sort(Comparator.comparingDouble(Scored::score).reversed().thenComparing(Scored::text));
        List<String> out = new ArrayList<>();
        java.util.Set<List<String>> stemsShown = new java.util.HashSet<>();
        java.util.Set<String> speakers = speakersNames(e);
        for (Scored c : candidates) {
            if (out.size() >= TOPICS - 1) break;
            String lower = c.text().toLowerCase(Locale.ROOT);
            // the guest's own name ("Guido van Rossum", "Michael") is who speaks, not what about
            if (speakers.contains(lower)) continue;
            // one of "learning" and "deep learning": the longer, said as often, says more
            int same = sameTopicAs(out, c.text());
            if (same >= 0) {
                // "alpha fold" said more often than "AlphaFold": the thing is shown by its name
                if (squashed(out.get(same)).equals(squashed(c.text()))
                        && out.get(same).equals(out.get(same).toLowerCase(Locale.ROOT)) && !c.text().equals(lower)) out.set(same, c.text());
                continue;
            }
            // one of "quantum mechanics" and "quantum mechanical", "quantum computer" and "quantum computing": the same stems
            if (!stemsShown.add(c.stems())) continue;
            out.add(c.text());
        }
        for (Word word : words) {
            if (out.size() >= TOPICS) break;
            String w = word.text();
            String lower = w.toLowerCase(Locale.ROOT);
            if (speakers.contains(lower)) continue;
            // "Sitter", said only in "de Sitter", is shown whole
            String whole = nameHolding(lower, word.timesSaid(), names);
            String shown = whole == null ? w : whole;
            String shownLower = shown.toLowerCase(Locale.ROOT);
            if (speakers.contains(shownLower) || out.stream().anyMatch(o -> overlap(o, shown))) continue;
            if (whole != null || !partsOfSpeech.mostlyVerb(w, saying(e, w))) out.add(shown);
        }
        return out;
    }

    /**
     * Whether two topics would read as one on a card: one holds the other ("learning" in "deep
     * learning", "North Korea" in "North Korean"), spaces and hyphens aside ("AlphaFold" and "alpha
     * fold", both said in one episode), or they are the same words but for endings the stemmer
     * keeps apart ("problem solver" and "problem solving", "China" and "Chinese").
     */
    static boolean overlap(String a, String b) {
        String x = squashed(a), y = squashed(b);
        return x.contains(y) || y.contains(x) || sameButEndings(a, b);
    }

    /**
     * The same number of words, each the same or sharing a beginning of four letters or more that
     * leaves at most two letters of the shorter word: "solver" and "solving" ("solv"), "China" and
     * "Chinese" ("chin"), but not "computer" and "compiler" ("comp" leaves four).
     */
    private static boolean sameButEndings(String a, String b) {
        String[] x = a.toLowerCase(Locale.ROOT).split("[\\s-]+"), y = b.toLowerCase(Locale.ROOT).split("[\\s-]+");
        if (x.length != y.length) return false;
        for (int i = 0; i < x.length; i++) {
            int shorter = Math.min(x[i].length(), y[i].length()), shared = 0;
            while (shared < shorter && x[i].charAt(shared) == y[i].charAt(shared)) shared++;
            if (shared < shorter && (shared < 4 || shared < shorter - 2)) return false;
        }
        return true;
    }

    /** Where in {@code shown} a topic that would read as one with {@code topic} is, or -1. */
    private static int sameTopicAs(List<String> shown, String topic) {
        for (int i = 0; i < shown.size(); i++) if (overlap(shown.get(i), topic)) return i;
        return -1;
    }

    private static String squashed(String topic) {
        return topic.toLowerCase(Locale.ROOT).replace(" ", "").replace("-", "");
    }

    /**
     * The longer name that holds {@code words} (in lower case) in most of the {@code n} times they
     * are said, if one does ({@link #PIECE_SHARE} of them, and a name said at least three times):
     * the words on their own would stand on the card cut off ("Kim Jong" for "Kim Jong Un").
     */
    static String nameHolding(String words, int n, Map<String, Integer> names) {
        String best = null;
        int bestCount = 0;
        for (Map.Entry<String, Integer> name : names.entrySet()) {
            if (name.getValue() < 3 || name.getValue() < PIECE_SHARE * n) continue; // most names are said once or twice
            String lower = " " + name.getKey().toLowerCase(Locale.ROOT).replace('-', ' ') + " ";
            if (!lower.contains(" " + words + " ")) continue;
            if (lower.trim().equals(words)) continue;
            if (name.getValue() > bestCount || (name.getValue() == bestCount && name.getKey().compareTo(best) < 0)) {
                best = name.getKey();
                bestCount = name.getValue();
            }
        }
        return best;
    }

    /**
     * The guest's, the host's and the show's names, as known, whole and word by word, in lower
     * case: never a topic of their own conversation. The show's name stands in for a host no
     * {@code show.yml} names: "Lex", the host greeted by his first name, was a topic of a card of
     * the "Lex Fridman Podcast".
     */
    static java.util.Set<String> speakersNames(Episode e) {
        java.util.Set<String> out = new java.util.HashSet<>();
        for (String name : java.util.Arrays.asList(e.title().guest(), e.host(), e.title().show())) {
            if (name == null || name.isBlank()) continue;
            String lower = name.toLowerCase(Locale.ROOT).trim();
            out.add(lower);
            out.addAll(java.util.Arrays.asList(lower.split("\\s+")));
        }
        return out;
    }

    /** How many of a word's sentences are read to tell whether it is a verb. */
    static final int SENTENCES_TAGGED = 5;

    /** The first {@link #SENTENCES_TAGGED} quotable sentences of {@code e} that hold {@code word} as a word of its own. */
    private static List<String> saying(Episode e, String word) {
        java.util.regex.Pattern whole = java.util.regex.Pattern.compile("(?<![\\p{L}\\p{N}'])" + java.util.regex.Pattern.quote(word)
                + "(?![\\p{L}\\p{N}])", java.util.regex.Pattern.CASE_INSENSITIVE | java.util.regex.Pattern.UNICODE_CASE);
        List<String> out = new ArrayList<>();
        for (Sentence s : e.sentences()) {
            if (out.size() == SENTENCES_TAGGED) break;
            if (s.quotable() && whole.matcher(s.text()).find()) out.add(s.text());
        }
        return out;
    }

    /**
     * Whether a two-word phrase said {@code n} times is mostly said as part of one three-word phrase
     * said {@code longer} times: "recurrent neural" is nearly always "recurrent neural networks",
     * "self supervised" "self supervised learning". A listener names the whole; the piece, which
     * outscores it by being said at least as often, would stand on the card cut off.
     */
    static boolean pieceOfLonger(int n, int longer) {
        return longer >= 2 && longer >= PIECE_SHARE * n;
    }

    /** How much of a two-word phrase's use one three-word phrase must hold for the two words to count as its piece. */
    static final double PIECE_SHARE = 0.6;

    /** For each two-word phrase, how often the most said three-word phrase that opens or closes with it is said (phrases as keyed: words or stems). */
    static Map<String, Integer> mostSaidExtension(Map<String, Integer> phrases) {
        Map<String, Integer> out = new HashMap<>();
        phrases.forEach((k, n) -> {
            int first = k.indexOf(' '), last = k.lastIndexOf(' ');
            if (first == last) return; // two words: extends nothing
            out.merge(k.substring(0, last), n, Math::max);
            out.merge(k.substring(first + 1), n, Math::max);
        });
        return out;
    }

    /** A capitalised word, hyphenated or not ("Jong-un", "Jean-Paul"). */
    private static final String NAME_WORD = "[A-Z][a-zA-Z]+(?:-[A-Za-z]+)?";
    /**
     * Capitalised words, alone or in a run, after the first word of a sentence: names of people,
     * places, products. A run may hold a possessive, "of" or "of the", and open with a particle:
     * "Conway's Game of Life", "Bank of America", "de Sitter", "van Gogh".
     */
    private static final java.util.regex.Pattern NAME = java.util.regex.Pattern.compile(
            "(?<=[a-z,;:] )(?:(?:de|van|von|der|du|da) )?" + NAME_WORD + "(?:'s(?= [A-Z]))?(?: (?:of (?:the )?)?" + NAME_WORD + "){0,2}");
    /** Capitalised words that are not names. */
    private static final java.util.Set<String> NOT_NAMES = java.util.Set.of("I", "I'm", "I've", "I'd", "I'll", "OK", "Okay", "God", "English",
            "American", "Yeah", "So", "And", "But");

    /** A text's tokens as {stem, surface word in lower case, position increment, surface word as written}. */
    private List<String[]> tokens(String text) {
        List<String[]> out = new ArrayList<>();
        try (TokenStream ts = analyzer.tokenStream("text", text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            OffsetAttribute off = ts.addAttribute(OffsetAttribute.class);
            org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute inc =
                    ts.addAttribute(org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                String word = text.substring(off.startOffset(), off.endOffset());
                out.add(new String[] {term.toString(), word.toLowerCase(Locale.ROOT), String.valueOf(inc.getPositionIncrement()), word});
            }
            ts.end();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return out;
    }

    private List<String> terms(String text) {
        List<String> out = new ArrayList<>();
        for (String[] t : tokens(text)) out.add(t[0]);
        return out;
    }

    private java.util.Optional<Integer> bestSentence(Episode e, List<Integer> slice, List<List<String>> stems,
                                                     Map<String, Double> weight, int minWords, int maxWords) {
        return slice.stream()
                .filter(i -> QuoteRules.isQuotable(e, i, i))
                .filter(i -> e.sentence(i).wordCount() >= minWords && e.sentence(i).wordCount() <= maxWords)
                .max(Comparator.comparingDouble(i -> density(stems.get(i), weight)));
    }

    private java.util.Optional<Quote> bestQuote(Episode e, List<Integer> slice, List<List<String>> stems, Map<String, Double> weight) {
        Quote best = null;
        for (int i : slice) {
            for (int len = 1; len <= 2; len++) {
                int last = i + len - 1;
                if (!QuoteRules.isQuotable(e, i, last) || host.anyHost(e, i, last)) continue;
                List<String> ts = new ArrayList<>(stems.get(i));
                if (len == 2) ts.addAll(stems.get(last));
                double score = density(ts, weight) * (QuoteFinder.lengthPrior(ts.size() * 2));
                String text = e.text(i, last).toLowerCase(Locale.ROOT);
                if (text.contains("i think") || text.contains("i believe") || text.contains("the key") || text.contains("the most important")) score *= 1.3;
                if (best == null || score > best.score()) best = new Quote(new Moment(e, i, last), score);
            }
        }
        return java.util.Optional.ofNullable(best);
    }

    private static double density(List<String> terms, Map<String, Double> weight) {
        if (terms.isEmpty()) return 0;
        double sum = 0;
        for (String t : terms) sum += weight.getOrDefault(t, 0.0);
        return sum / Math.sqrt(terms.size() + 4);
    }

    private static String mostCommon(Map<String, Integer> forms) {
        return forms.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse("");
    }
}

package dev.quotecast.eval;

import dev.quotecast.bot.Command;
import dev.quotecast.bot.Commands;
import dev.quotecast.bot.Reply;
import dev.quotecast.bot.Request;
import dev.quotecast.content.Corpus;
import dev.quotecast.content.Moment;
import dev.quotecast.search.Analyzers;
import dev.quotecast.transcript.Episode;
import dev.quotecast.transcript.Sentence;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.en.EnglishAnalyzer;

/**
 * The quote quality check: topics drawn from the corpus itself, each asked for a quote and then
 * paged with "Another" five times through the real {@link Commands}. Every quote shown is judged
 * by rules written here independently of {@code QuoteRules}, so the check can disagree with the
 * code it checks.
 */
public final class QuoteQuality {

    /** Pages a user sees: the first quote and five "Another" clicks. */
    public static final int PAGES = 6;

    private static final Pattern WORD = Pattern.compile("[A-Za-z][a-z]{3,}");

    /** First words that lean on what came before: a quote starting with one reads as a fragment. */
    static final Set<String> DANGLING = Set.of(
            "and", "but", "so", "or", "nor", "because", "cause", "also", "then", "yeah", "yes", "no", "well",
            "um", "uh", "oh", "okay", "ok", "like", "which", "it", "it's", "that", "that's", "this", "these",
            "those", "they", "he", "she", "him", "her", "them", "though", "although", "whereas", "plus",
            "anyway", "right", "exactly", "sure", "again", "hence", "thus", "therefore");

    /** Ad-read and housekeeping phrases, written independently of the transcript's sponsor detector. */
    static final Pattern SPONSOR = Pattern.compile("(?i)\\b(sponsor(ed)?|promo code|use code|patreon|subscribe|"
            + "apple podcasts|five stars|discount|free trial|sign up|\\.com/lex|check out|brought to you|"
            + "presented by|supporting (this|the) (podcast|show)|cash app|app store)\\b");

    /** What the check found. */
    public record Report(int topics, int topicsWithQuotes, int quotes, int wellFormed, int topicsWithRepeat,
                         Map<String, Integer> failures, List<String> examples) {
        public double wellFormedShare() {
            return quotes == 0 ? 0 : (double) wellFormed / quotes;
        }
    }

    private QuoteQuality() {}

    /**
     * Topics from the corpus: words of 4+ letters, not stop or question words, spread over several
     * episodes but not everywhere, ranked by frequency times inverse episode frequency; {@code n}
     * taken evenly from the top {@code 3n}, so common and rarer topics are both in.
     */
    public static List<String> topics(Corpus corpus, int n) {
        Map<String, Integer> count = new HashMap<>();
        Map<String, Integer> episodes = new HashMap<>();
        Set<String> stop = new HashSet<>();
        EnglishAnalyzer.ENGLISH_STOP_WORDS_SET.forEach(o -> stop.add(new String((char[]) o)));
        stop.addAll(Analyzers.QUESTION_WORDS);
        for (Episode e : corpus.episodes()) {
            Set<String> seen = new HashSet<>();
            for (Sentence s : e.sentences()) {
                if (!s.quotable()) continue;
                Matcher m = WORD.matcher(s.text());
                while (m.find()) {
                    String w = m.group().toLowerCase(Locale.ROOT);
                    if (stop.contains(w)) continue;
                    count.merge(w, 1, Integer::sum);
                    if (seen.add(w)) episodes.merge(w, 1, Integer::sum);
                }
            }
        }
        int total = Math.max(1, corpus.size());
        int minEpisodes = total >= 10 ? 3 : 1;
        double maxShare = total >= 10 ? 0.5 : 1.0;
        List<Map.Entry<String, Double>> ranked = new ArrayList<>();
        for (Map.Entry<String, Integer> c : count.entrySet()) {
            int df = episodes.get(c.getKey());
            if (df < minEpisodes || df > maxShare * total || c.getValue() < 5) continue;
            ranked.add(Map.entry(c.getKey(), c.getValue() * Math.log(1.0 + (double) total / df)));
        }
        ranked.sort(Map.Entry.<String, Double>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        int pool = Math.min(ranked.size(), n * 3);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n && i < pool; i++) out.add(ranked.get((int) ((long) i * pool / Math.min(n, pool))).getKey());
        return out;
    }

    public static Report run(Commands commands, List<String> topics) {
        int withQuotes = 0, quotes = 0, good = 0, repeats = 0;
        Map<String, Integer> failures = new HashMap<>();
        List<String> examples = new ArrayList<>();
        int k = 0;
        for (String topic : topics) {
            List<Moment> shown = new ArrayList<>();
            for (int page = 0; page < PAGES; page++) {
                // one user per request: the check measures quotes, not the rate limit
                Reply r = commands.handle(Request.of("eval", "quality-" + (k++), new Command.Quote(topic, page)));
                if (!(r instanceof Reply.QuoteReply q)) break;
                shown.add(q.quote().moment());
                if (!q.hasMore()) break;
            }
            if (!shown.isEmpty()) withQuotes++;
            for (Moment m : shown) {
                quotes++;
                List<String> why = problems(m);
                if (why.isEmpty()) good++;
                for (String w : why) failures.merge(w, 1, Integer::sum);
                if (!why.isEmpty() && examples.size() < 15) examples.add(topic + " → " + why + ": " + Evaluation.abbreviate(m.text(), 200));
            }
            if (repeats(shown)) repeats++;
        }
        return new Report(topics.size(), withQuotes, quotes, good, repeats, failures, examples);
    }

    /** The ways a quote is not well formed; empty when it is. */
    public static List<String> problems(Moment m) {
        List<String> out = new ArrayList<>();
        String t = m.text().strip();
        String body = t.replaceFirst("^[\"'“‘(]+", "");
        if (body.isEmpty() || !Character.isUpperCase(body.codePointAt(0))) out.add("no capital start");
        String end = t.replaceAll("[\"'”’)]+$", "");
        if (!(end.endsWith(".") || end.endsWith("!"))) out.add(end.endsWith("?") ? "question" : "no terminal punctuation");
        else if (t.contains("? ")) out.add("question");
        String first = body.split("[\\s,.;:!?]+", 2)[0].toLowerCase(Locale.ROOT);
        if (DANGLING.contains(first)) out.add("dangling start '" + first + "'");
        int words = t.split("\\s+").length;
        if (words < 8 || words > 60) out.add("length " + words + " words");
        if (SPONSOR.matcher(t).find()) out.add("sponsor read");
        for (int i = m.firstSentence(); i <= m.lastSentence(); i++) {
            if (m.episode().sentence(i).role() == Sentence.Role.SPONSOR) {
                if (!out.contains("sponsor read")) out.add("sponsor read");
                break;
            }
        }
        return out;
    }

    /** True when two shown quotes share a sentence or the same text. */
    static boolean repeats(List<Moment> shown) {
        Set<String> sentences = new HashSet<>();
        Set<String> texts = new HashSet<>();
        for (Moment m : shown) {
            if (!texts.add(m.text().toLowerCase(Locale.ROOT).replaceAll("\\W+", " ").trim())) return true;
            for (int i = m.firstSentence(); i <= m.lastSentence(); i++) {
                if (!sentences.add(m.episode().id() + "#" + i)) return true;
            }
        }
        return false;
    }

    static Comparator<Map.Entry<String, Integer>> byCount() {
        return Map.Entry.<String, Integer>comparingByValue().reversed();
    }
}

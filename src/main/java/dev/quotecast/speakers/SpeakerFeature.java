package dev.quotecast.speakers;

import dev.quotecast.learn.FeatureNames;
import dev.quotecast.transcript.Episode;
import dev.quotecast.transcript.Sentence;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What the text shows about who says a sentence of an interview with no speaker labels. The host
 * asks, often in several sentences that lead up to the question mark, addresses the guest ("you",
 * "your work"), reacts briefly ("Yeah.", "That's fascinating."); the guest answers, at length,
 * in the first person. Each feature is read off the sentence and its neighbours; the order is
 * the model's input order ({@code quotecast train} records the names with the model).
 */
public enum SpeakerFeature {
    /** 1 when the sentence ends with a question mark. */
    ASKS,
    /** 1 when the sentence before / after / two before / two after asks. */
    PREVIOUS_ASKS, NEXT_ASKS, TWO_BEFORE_ASK, TWO_AFTER_ASK,
    /** log(1 + words) of the sentence, and of the one before and after. */
    WORDS, PREVIOUS_WORDS, NEXT_WORDS,
    /** "you", "your", "yourself" per word: addressing the other person. */
    YOU,
    /** "you" per word in the sentence before and after. */
    PREVIOUS_YOU, NEXT_YOU,
    /** "I", "me", "my", "I'm" per word: speaking of oneself. */
    FIRST_PERSON,
    /** "we", "us", "our" per word. */
    WE,
    /** 1 when it opens like a question ("what", "why", "how", "do you", "can you", "is it", "are you", "would you", "so what"). */
    OPENS_QUESTION,
    /** 1 when it opens with a reaction or a turn-taking word ("yeah", "right", "sure", "exactly", "wow", "okay", "that's"). */
    OPENS_REACTION,
    /** 1 when it opens with a connective ("and", "but", "so", "because", "which"): carrying on a turn. */
    OPENS_CONNECTIVE,
    /** 1 when it names the host ("Lex"): the guest speaking to him. */
    NAMES_HOST,
    /** 1 when it names the guest (a word of the guest's name): the host speaking of or to them. */
    NAMES_GUEST,
    /** Sentences since the last one that asks (capped at 12), and until the next one. */
    SINCE_QUESTION, UNTIL_QUESTION,
    /** log(1 + words) since the last sentence that asks: answers are long, questions follow them. */
    WORDS_SINCE_QUESTION,
    /** log(1 + words) until the next sentence that asks. */
    WORDS_UNTIL_QUESTION,
    /**
     * Words a question set-up uses: "let me ask", "you mentioned", "you said", "you've written", "talk about", "the question is";
     * and the host's paraphrase of the guest before asking on ("So you're saying…": 26 sentences open so in the corpus,
     * nearly all the host's; the served advice had three of them credited to the guest).
     */
    SETUP_WORDS,
    /** Words of a reaction to what was said: "fascinating", "beautiful", "that's great", "I love that", "interesting". */
    REACTION_WORDS,
    /** 1 when the sentence is in the host's introduction (the parser marks it). */
    INTRO,
    /** Position in the episode, 0 to 1. */
    POSITION;

    static final int SINCE_CAP = 12;
    private static final Pattern YOU_WORDS = Pattern.compile("\\b(you|your|yours|yourself|you're|you've|you'd|you'll)\\b");
    private static final Pattern FIRST_WORDS = Pattern.compile("\\b(i|me|my|mine|myself|i'm|i've|i'd|i'll)\\b");
    private static final Pattern WE_WORDS = Pattern.compile("\\b(we|us|our|ours|we're|we've)\\b");
    private static final Pattern QUESTION_OPEN = Pattern.compile(
            "^(so |and |but |okay,? |well,? )?(what|why|how|who|when|where|which|do you|did you|can you|could you|is it|is there|are you|"
            + "would you|have you|does it|is that|was it|were you|should)\\b");
    private static final Pattern REACTION_OPEN = Pattern.compile("^(yeah|yes|yep|right|sure|exactly|wow|okay|ok|oh|absolutely|totally|"
            + "that's|that is|true|no|mm|hmm|uh|i see|got it|great|nice|beautiful|interesting)\\b");
    private static final Pattern CONNECTIVE_OPEN = Pattern.compile("^(and|but|so|because|which|or|then|also)\\b");
    private static final Pattern SETUP = Pattern.compile("\\b(let me ask|i have to ask|you mentioned|you said|you've (said|written|talked)|"
            + "you wrote|you talk about|talk about|speak to|the question is|my question|the big question|you have a|in your book|"
            + "your work|you've been|you are known|you're saying|you are saying)\\b");
    private static final Pattern REACTION = Pattern.compile("\\b(fascinating|beautiful|beautifully put|that's (great|amazing|funny|"
            + "interesting|brilliant|true|fair)|i love that|interesting|well put|so well said|hilarious)\\b");

    public static List<String> names() {
        return FeatureNames.of(SpeakerFeature.class);
    }

    /** The features of every sentence of {@code e}, in order: what the model reads. */
    static float[][] of(Episode e) {
        List<Sentence> ss = e.sentences();
        int n = ss.size();
        boolean[] asks = new boolean[n];
        float[] words = new float[n], you = new float[n];
        String[] lower = new String[n];
        for (int i = 0; i < n; i++) {
            String t = ss.get(i).text();
            lower[i] = t.toLowerCase(Locale.ROOT);
            asks[i] = t.endsWith("?");
            words[i] = (float) Math.log1p(ss.get(i).wordCount());
            you[i] = share(YOU_WORDS, lower[i], ss.get(i).wordCount());
        }
        List<String> guestWords = new ArrayList<>();
        String guest = e.title().guest();
        if (guest != null) {
            for (String w : guest.toLowerCase(Locale.ROOT).split("[^\\p{L}]+")) if (w.length() > 2) guestWords.add(w);
        }
        float[][] out = new float[n][values().length];
        int lastAsk = -1;
        int wordsSince = 0;
        int[] since = new int[n], wordsSinceAsk = new int[n];
        for (int i = 0; i < n; i++) {
            since[i] = lastAsk < 0 ? SINCE_CAP : Math.min(SINCE_CAP, i - lastAsk);
            wordsSinceAsk[i] = wordsSince;
            if (asks[i]) {
                lastAsk = i;
                wordsSince = 0;
            } else {
                wordsSince += ss.get(i).wordCount();
            }
        }
        int nextAsk = -1;
        int wordsUntil = 0;
        for (int i = n - 1; i >= 0; i--) {
            float[] f = out[i];
            f[UNTIL_QUESTION.ordinal()] = nextAsk < 0 ? SINCE_CAP : Math.min(SINCE_CAP, nextAsk - i);
            f[WORDS_UNTIL_QUESTION.ordinal()] = (float) Math.log1p(wordsUntil);
            if (asks[i]) {
                nextAsk = i;
                wordsUntil = 0;
            } else {
                wordsUntil += ss.get(i).wordCount();
            }
        }
        for (int i = 0; i < n; i++) {
            float[] f = out[i];
            String t = lower[i];
            int wc = ss.get(i).wordCount();
            f[ASKS.ordinal()] = flag(asks[i]);
            f[PREVIOUS_ASKS.ordinal()] = flag(i > 0 && asks[i - 1]);
            f[NEXT_ASKS.ordinal()] = flag(i + 1 < n && asks[i + 1]);
            f[TWO_BEFORE_ASK.ordinal()] = flag(i > 1 && asks[i - 2]);
            f[TWO_AFTER_ASK.ordinal()] = flag(i + 2 < n && asks[i + 2]);
            f[WORDS.ordinal()] = words[i];
            f[PREVIOUS_WORDS.ordinal()] = i > 0 ? words[i - 1] : Float.NaN;
            f[NEXT_WORDS.ordinal()] = i + 1 < n ? words[i + 1] : Float.NaN;
            f[YOU.ordinal()] = you[i];
            f[PREVIOUS_YOU.ordinal()] = i > 0 ? you[i - 1] : Float.NaN;
            f[NEXT_YOU.ordinal()] = i + 1 < n ? you[i + 1] : Float.NaN;
            f[FIRST_PERSON.ordinal()] = share(FIRST_WORDS, t, wc);
            f[WE.ordinal()] = share(WE_WORDS, t, wc);
            f[OPENS_QUESTION.ordinal()] = flag(QUESTION_OPEN.matcher(t).find());
            f[OPENS_REACTION.ordinal()] = flag(REACTION_OPEN.matcher(t).find());
            f[OPENS_CONNECTIVE.ordinal()] = flag(CONNECTIVE_OPEN.matcher(t).find());
            f[NAMES_HOST.ordinal()] = flag(t.contains("lex"));
            boolean namesGuest = false;
            for (String w : guestWords) namesGuest |= t.contains(w);
            f[NAMES_GUEST.ordinal()] = flag(namesGuest);
            f[SINCE_QUESTION.ordinal()] = since[i];
            f[WORDS_SINCE_QUESTION.ordinal()] = (float) Math.log1p(wordsSinceAsk[i]);
            f[SETUP_WORDS.ordinal()] = flag(SETUP.matcher(t).find());
            f[REACTION_WORDS.ordinal()] = flag(REACTION.matcher(t).find());
            f[INTRO.ordinal()] = flag(ss.get(i).role() == Sentence.Role.INTRO);
            f[POSITION.ordinal()] = n <= 1 ? 0 : (float) i / (n - 1);
        }
        return out;
    }

    private static float flag(boolean b) {
        return b ? 1 : 0;
    }

    private static float share(Pattern p, String lower, int words) {
        if (words == 0) return 0;
        int k = 0;
        var m = p.matcher(lower);
        while (m.find()) k++;
        return (float) k / words;
    }
}

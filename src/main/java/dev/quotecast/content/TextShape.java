package dev.quotecast.content;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the words of a short text show about whether it stands on its own and what it does:
 * tells the listener to do something, speaks of oneself or of "you", points back at something
 * said before, asks. Read by the advice and quote classifiers; each figure is named where the
 * classifiers list their features.
 */
record TextShape(String text) {

    private static final Pattern YOU = Pattern.compile("\\b(you|your|yours|yourself|you're|you've|you'll|you'd)\\b");
    private static final Pattern FIRST = Pattern.compile("\\b(i|me|my|mine|myself|i'm|i've|i'd|i'll)\\b");
    /** Pronouns and demonstratives whose meaning lies in what came before. */
    private static final Pattern POINTING = Pattern.compile("\\b(this|that|these|those|it|its|it's|they|them|their|he|she|him|her|his)\\b");
    private static final Pattern MODAL = Pattern.compile("\\b(should|shouldn't|must|need to|needs to|have to|has to|got to|gotta|ought to|"
            + "make sure|it's important to|it is important to|the key is|the trick is|the secret is)\\b");
    private static final Pattern ADVISING = Pattern.compile("\\b(my advice|i (would |'d )?(recommend|encourage|advise|suggest|urge)|"
            + "the best (thing|way|advice)|if you want to|don't be afraid|never give up|the most important thing)\\b");
    private static final Pattern OPINION = Pattern.compile("\\b(i think|i believe|i feel|to me|in my (view|opinion)|i'm convinced)\\b");
    private static final Pattern GENERAL = Pattern.compile("\\b(people|everyone|everybody|anyone|anybody|life|always|never|every|"
            + "nobody|human|humans|we all|one's)\\b");
    private static final Pattern HEDGE = Pattern.compile("\\b(kind of|sort of|like,|you know|i mean|um|uh|whatever)\\b");
    /** A command: a sentence that opens with a verb in its plain form, or with don't, never, always, just, try. */
    private static final Pattern IMPERATIVE = Pattern.compile("^(please |so |and |but |just |now |then )?(don't|do not|never|always|try|"
            + "be|get|go|keep|make|take|find|stop|start|learn|read|write|do|let|put|think|remember|forget|listen|focus|work|ask|"
            + "give|trust|look|choose|spend|avoid|surround|practice|practise|study|set|follow|build|seek|embrace|accept|enjoy|"
            + "believe|treat|love|fail|quit|stay|write|speak|say|tell|eat|sleep|exercise|walk|travel|invest|save|help|care|"
            + "figure|allow|pursue|stick|push|challenge|question|celebrate|forgive)\\b");
    private static final Pattern NUMBER = Pattern.compile("\\d");
    private static final Pattern NAME = Pattern.compile("(?<=[\\s,;:(\"])(?!I\\b|I'[a-z]+\\b)[A-Z][a-z]+");

    String lower() {
        return text.toLowerCase(Locale.ROOT);
    }

    int words() {
        return dev.quotecast.transcript.Text.wordCount(text);
    }

    double youShare() {
        return share(YOU);
    }

    double firstPersonShare() {
        return share(FIRST);
    }

    double pointingShare() {
        return share(POINTING);
    }

    boolean imperative() {
        String l = lower().replaceAll("^[^a-z]+", "");
        return IMPERATIVE.matcher(l).find();
    }

    boolean modal() {
        return MODAL.matcher(lower()).find();
    }

    boolean advising() {
        return ADVISING.matcher(lower()).find();
    }

    boolean opinion() {
        return OPINION.matcher(lower()).find();
    }

    boolean general() {
        return GENERAL.matcher(lower()).find();
    }

    double hedgeShare() {
        return share(HEDGE);
    }

    boolean asks() {
        return text.contains("?");
    }

    boolean number() {
        return NUMBER.matcher(text).find();
    }

    double nameShare() {
        int words = words();
        if (words == 0) return 0;
        int n = 0;
        Matcher m = NAME.matcher(text);
        while (m.find()) n++;
        return (double) n / words;
    }

    /** The first word leans on what came before ("And", "It", "That's"): {@link QuoteRules#startsCleanly}. */
    boolean dangles() {
        return !QuoteRules.startsCleanly(text);
    }

    /** Sentences in the text (full stops, question and exclamation marks). */
    int sentences() {
        int n = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c == '.' || c == '?' || c == '!') && (i + 1 == text.length() || text.charAt(i + 1) == ' ')) n++;
        }
        return Math.max(1, n);
    }

    /** Commas per word: lists and restarts ("I love, it somehow gives, it gives…") are comma-heavy. */
    double commaShare() {
        int words = words();
        if (words == 0) return 0;
        int n = 0;
        for (int i = 0; i < text.length(); i++) if (text.charAt(i) == ',') n++;
        return (double) n / words;
    }

    /** Words repeated right after themselves ("Don't don't", "the the"): a stutter. */
    int stutters() {
        String[] w = lower().split("[^a-z']+");
        int n = 0;
        for (int i = 1; i < w.length; i++) if (!w[i].isEmpty() && w[i].equals(w[i - 1])) n++;
        return n;
    }

    private double share(Pattern p) {
        int words = words();
        if (words == 0) return 0;
        int n = 0;
        Matcher m = p.matcher(lower());
        while (m.find()) n++;
        return (double) n / words;
    }
}

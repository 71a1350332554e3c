package dev.quotecast.content;

import dev.quotecast.transcript.Episode;
import dev.quotecast.transcript.Sentence;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What makes a span worth quoting on its own: 1 to 3 sentences of the conversation, 8 to 60 words,
 * starting cleanly with a capital (no "And so", "But", "It" that leans on what came before),
 * ending with terminal punctuation, not a question (marked or not), not a restatement of the
 * other speaker, not the host telling the guest about their own life or setting up a question
 * he announced, and not a sentence that starts over after its first words.
 */
public final class QuoteRules {

    public static final int MIN_WORDS = 8;
    public static final int MAX_WORDS = 60;
    public static final int MAX_SENTENCES = 3;

    /** First words that only make sense after the sentence before. */
    static final Set<String> DANGLING = Set.of(
            "and", "but", "so", "or", "nor", "because", "it", "it's", "its", "that", "that's", "this", "these",
            "those", "which", "they", "them", "they're", "he", "she", "he's", "she's", "his", "her", "yeah",
            "yes", "no", "well", "like", "um", "uh", "also", "then", "okay", "ok", "oh", "right", "exactly",
            "plus", "anyway", "actually", "there", "there's", "hmm", "mm", "wow", "sure", "totally", "absolutely",
            "yep", "yup", "correct", "true", "as", "than", "whereas", "although", "though", "while", "where",
            "when", "who", "what", "why", "how", "if", "otherwise", "hence", "thus", "therefore", "again",
            "cause", "'cause", "same", "both", "either", "neither", "such", "meaning", "anyways", "alright");

    /**
     * Openings that restate the other speaker ("You're saying ultimately it's always better to lead
     * by inspiration…", "You said that there's a difference between…"): what follows is the other's
     * view in the speaker's words, almost always the host's set-up for a question, so never a quote
     * or an advice of whoever says it. Of 37 labeled advice and quote candidates of the train and
     * dev episodes that open so, one was judged worth posting and none advice.
     */
    static final Pattern RESTATES = Pattern.compile(
            "^(you're saying|you are saying|what you're saying|you said|you've said|you mentioned|you wrote|you talk(ed)? about)\\b",
            Pattern.CASE_INSENSITIVE);

    /**
     * Openings of a question the transcript did not mark ("Is it possible that…", "Should welcome
     * just, should welcome people…" with its subject lost): a verb before any subject. Of 39 labeled
     * advice and quote candidates of the train and dev episodes that open so, none was advice or
     * worth posting. "May" and "Will" are left out: they also open sentences as a month and a name.
     */
    static final Pattern ASKS_UNMARKED = Pattern.compile(
            "^(should|could|would|must|might|shall|can|did|does|is|are|was|were)\\b", Pattern.CASE_INSENSITIVE);

    /**
     * A sentence that starts over after its subject and verb ("You're not, there's no miserly
     * attitude around happiness.", "I don't, I don't think for a long, long time they got it."):
     * the abandoned clause is followed by a new one (a pronoun, "but", "and", "so") or a filler
     * ("you know", "uh"), not by an aside ("We are, in the end, what we repeatedly do." stays). Of
     * 10 labeled advice and quote candidates of the train episodes that open so, none was advice
     * or worth posting (dev 0 of 5); 299 sentences of the corpus open so.
     */
    static final Pattern RESTARTS = Pattern.compile(
            "^(i|you|we|they|he|she|it|that|there)(\\s?'(re|m|s|ve|d|ll)|\\s(are|am|is|was|were|do|did|does|have|has|had|can|could|would|will|"
            + "should|must|might))(\\s?n't|\\snot)?,\\s(i|you|we|they|he|she|it|there|that|this|but|and|so|uh|um|like)\\b",
            Pattern.CASE_INSENSITIVE);

    /**
     * Openings that tell the person spoken to about their own life, in the past or perfect ("You've
     * achieved a lot of success.", "You've written quite a bit about ethics too.", "You were at
     * Tesla for five months…"): in an interview that is the host introducing a question to the
     * guest, never the guest's quote or advice. Of 27 labeled advice and quote candidates of the
     * train episodes that open so, none was advice or worth posting (dev 0 of 5); 188 statements
     * of the corpus open so.
     */
    static final Pattern DESCRIBES_THE_OTHER = Pattern.compile(
            "^(you've|you have) (achieved|accomplished|done|built|created|written|published|made|been|had|spent|worked|studied|talked|"
            + "said|mentioned|won|lost|coached|trained|fought|competed|described|argued|called|developed|launched|founded|started|led|"
            + "run|interviewed|taught|read)\\b(?!')"
            + "|^you (achieved|accomplished|built|created|wrote|published|studied|worked|won|coached|trained|fought|competed|described|"
            + "argued|called|developed|launched|founded|started|led|ran|interviewed|taught|were|did|had|went|grew|came|spent|made)\\b(?!')",
            Pattern.CASE_INSENSITIVE);

    /**
     * The host announcing a question ("Let me ask you some advice…", "So Alan Watts has this quote
     * that I'd like to ask you about."). The sentences after it, up to the question it announces,
     * are the question's set-up in the host's voice ("There's a bunch of young folks who listen to
     * this thing…", "The quote is, through our eyes, the universe is perceiving itself."), which
     * the text alone cannot tell from an answer. In the corpus 217 statements announce a question
     * so, and for 132 of them the question comes within four sentences. Of the labeled advice
     * candidates that fall between such an announcement and its question (within
     * {@link #ANNOUNCED_WITHIN} sentences), none is advice (train 19, dev 5, test 4); of the quote
     * candidates, 2 of 14 of the train episodes' were judged worth posting, both that Alan Watts
     * line, which the host reads out (dev 0 of 4).
     */
    static final Pattern ANNOUNCES_A_QUESTION = Pattern.compile(
            "\\b(let me ask|I have to ask|I gotta ask|I got to ask|I want to ask|I'd like to ask|I must ask)\\b", Pattern.CASE_INSENSITIVE);
    /**
     * How far after its announcement the question must come for the sentences between to count as
     * its set-up. Six missed the longer set-ups, such as the host's musing on loneliness and robot
     * companions ("All of us seek companionship with other humans…"), whose question comes ten
     * sentences after "So let me ask."; twelve added only candidates labeled not advice (train 6,
     * dev 1) and not worth posting (train 3), and kept the train episodes' Alan Watts pair as the
     * only ones judged worth posting.
     */
    static final int ANNOUNCED_WITHIN = 12;

    private QuoteRules() {}

    /**
     * True when sentence {@code i} comes after the host announced a question ({@link
     * #ANNOUNCES_A_QUESTION}) and before that question, which comes within {@link #ANNOUNCED_WITHIN}
     * sentences of the announcement, with no question between.
     */
    static boolean awaitsAnnouncedQuestion(Episode e, int i) {
        for (int j = i - 1; j >= Math.max(0, i - ANNOUNCED_WITHIN); j--) {
            String t = e.sentence(j).text();
            if (t.endsWith("?")) return false;
            if (mentionsAsk(t) && ANNOUNCES_A_QUESTION.matcher(apostrophes(t)).find()) {
                for (int k = i; k <= Math.min(e.sentences().size() - 1, j + ANNOUNCED_WITHIN + 1); k++) {
                    if (e.sentence(k).text().endsWith("?")) return true;
                }
                return false;
            }
        }
        return false;
    }

    /** Whether "ask", in any case, is in the text: every announcement holds it, and few sentences do. */
    private static boolean mentionsAsk(String t) {
        for (int k = t.length() - 3; k >= 0; k--) {
            char c = t.charAt(k);
            if ((c == 'a' || c == 'A') && t.regionMatches(true, k, "ask", 0, 3)) return true;
        }
        return false;
    }

    /** True when sentences {@code first..last} of the episode make a well-formed quote. */
    public static boolean isQuotable(Episode e, int first, int last) {
        if (first < 0 || last >= e.sentences().size() || last < first || last - first + 1 > MAX_SENTENCES) return false;
        int words = 0;
        for (int i = first; i <= last; i++) {
            Sentence s = e.sentence(i);
            if (!s.quotable()) return false;
            if (s.text().endsWith("?")) return false;
            words += s.wordCount();
        }
        if (words < MIN_WORDS || words > MAX_WORDS) return false;
        String firstText = e.sentence(first).text();
        String lastText = e.sentence(last).text();
        String opening = apostrophes(firstText);
        if (!startsCleanly(firstText) || !endsCleanly(lastText) || RESTATES.matcher(opening).find()
                || ASKS_UNMARKED.matcher(firstText).find() || RESTARTS.matcher(opening).find()
                || DESCRIBES_THE_OTHER.matcher(opening).find()) return false;
        // last: it reads up to ANNOUNCED_WITHIN sentences before each, where the checks above read the span alone
        for (int i = first; i <= last; i++) if (awaitsAnnouncedQuestion(e, i)) return false;
        return true;
    }

    /** True when the text opens by restating what the other speaker said ({@link #RESTATES}). */
    public static boolean restatesTheOther(String text) {
        return RESTATES.matcher(apostrophes(text)).find();
    }

    /** Typographic apostrophes as the patterns spell them. */
    private static String apostrophes(String text) {
        return text.replace('\u2019', '\'');
    }

    public static boolean startsCleanly(String text) {
        if (text.isEmpty() || !Character.isUpperCase(text.codePointAt(0))) return false;
        int end = 0;
        while (end < text.length() && !Character.isWhitespace(text.charAt(end)) && text.charAt(end) != ',') end++;
        StringBuilder word = new StringBuilder(end);
        for (int i = 0; i < end; i++) {
            char c = Character.toLowerCase(text.charAt(i));
            if ((c >= 'a' && c <= 'z') || c == '\'') word.append(c);
        }
        // "C, when you're mad at yourself…": an item of a list whose other items the quote leaves out ("I, for one," is a subject)
        if (end == 1 && end < text.length() && text.charAt(end) == ',' && text.charAt(0) != 'I') return false;
        return !DANGLING.contains(word.toString());
    }

    public static boolean endsCleanly(String text) {
        int end = text.length();
        while (end > 0 && "\"')]”’".indexOf(text.charAt(end - 1)) >= 0) end--;
        return end > 0 && (text.charAt(end - 1) == '.' || text.charAt(end - 1) == '!');
    }
}

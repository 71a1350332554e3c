package dev.quotecast.transcript;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Marks the sentences that are not the conversation: the host's opening description, ad reads and
 * calls to subscribe. They stay searchable for questions but are never served as quotes, advice or
 * summaries.
 *
 * <p>Two signals: a sentence that reads like an ad is a sponsor read wherever it is; and in the
 * opening, everything before the hand-over line ("here's my conversation with ...") is the intro,
 * with the ad block inside it marked as sponsor from its first ad-like sentence.
 */
public final class SponsorDetector {

    static final Pattern AD = Pattern.compile(
            "(?i)\\b(presented by|brought to you by|sponsored by|(this|the) (show|episode|podcast) is (also )?sponsored|"
                    + "our sponsors?|use (the )?(promo )?code|promo code|patreon|subscribe (on|to)|apple podcasts|"
                    + "five stars|5 stars|rate it|review it|follow (me|us) on|connect with me on|spotify|"
                    + "cash app|app store|google play|masterclass|better ?help|expressvpn|athletic greens|ag1|"
                    + "eight sleep|8 sleep|magic spoon|blinkist|linode|netsuite|indeed\\.com|squarespace|"
                    + "\\.com/lex|sign up (at|for)|free trial|discount|the links? in the description|"
                    + "check out (our|the) sponsors?|support (it|this|the) (podcast|show)|quick (mention|break)|"
                    + "\\$\\d+ off|get \\$?\\d+%|member sipc|broker services|fdic)\\b");

    /**
     * Every {@link #AD} alternative contains one of these lower-case fragments. Checking them with
     * {@code indexOf} first spares the regex on almost every sentence: the regex, with its fifty
     * case-insensitive alternatives tried at each position, was two thirds of parsing time. Each
     * fragment is as long as its alternative allows ("better help", not "help"): a fragment that is
     * an everyday word ("help", "code", "support", "quick") sent one sentence in several through the
     * regex, which was still a tenth of parsing in a JFR profile of a 1,000-episode build (issue 20).
     * {@code SponsorDetectorTest} checks that every alternative of the regex contains one.
     */
    static final String[] AD_FRAGMENTS = {
            "presented by", "brought to you by", "sponsor", "use code", "the code", "promo code", "patreon", "subscribe",
            "apple podcast", "stars", "rate it", "review it", "follow me on", "follow us on", "connect with", "spotify",
            "cash app", "app store", "google play", "masterclass", "betterhelp", "better help", "expressvpn", "athletic greens",
            "ag1", "eight sleep", "8 sleep", "magic spoon", "blinkist", "linode", "netsuite", "indeed.com", "squarespace",
            ".com/lex", "sign up", "free trial", "discount", "in the description", "support it", "support this", "support the",
            "quick mention", "quick break", "$", "%", "member sipc", "broker services", "fdic"};

    static boolean isAd(String sentence) {
        return isAd(sentence, sentence.toLowerCase(java.util.Locale.ROOT));
    }

    /** As {@link #isAd(String)}, with the sentence already in lower case ({@link java.util.Locale#ROOT}). */
    private static boolean isAd(String sentence, String lower) {
        return mentionsAdFragment(lower) && AD.matcher(sentence).find();
    }

    /**
     * Whether any of {@link #AD_FRAGMENTS} occurs in {@code lower}, in one pass over it: at each
     * position only the fragments that start with its two characters are compared. Asking
     * {@code contains} of each fragment in turn read every sentence fifty times, 4% of a
     * 1,000-episode cold build (issue 20).
     */
    static boolean mentionsAdFragment(String lower) {
        int n = lower.length();
        for (int i = 0; i < n; i++) {
            char c = lower.charAt(i);
            if (c >= 0x80) continue;
            if (AD_CHARACTER[c]) return true;
            if (i + 1 == n) break;
            char d = lower.charAt(i + 1);
            String[] starting = d < 0x80 ? AD_BY_PAIR[c << 7 | d] : null;
            if (starting != null) {
                for (String f : starting) if (lower.startsWith(f, i)) return true;
            }
        }
        return false;
    }

    /** The one-character fragments ("$", "%"). */
    private static final boolean[] AD_CHARACTER = new boolean[0x80];

    /** The longer fragments by their first two characters, index {@code first << 7 | second}. */
    private static final String[][] AD_BY_PAIR = new String[0x80 * 0x80][];

    static {
        for (String f : AD_FRAGMENTS) {
            if (!f.chars().allMatch(ch -> ch < 0x80)) throw new IllegalStateException("an ad fragment must be ASCII: " + f);
            if (f.length() == 1) {
                AD_CHARACTER[f.charAt(0)] = true;
            } else {
                int pair = f.charAt(0) << 7 | f.charAt(1);
                String[] old = AD_BY_PAIR[pair] == null ? new String[0] : AD_BY_PAIR[pair];
                String[] grown = java.util.Arrays.copyOf(old, old.length + 1);
                grown[old.length] = f;
                AD_BY_PAIR[pair] = grown;
            }
        }
    }

    private static final Pattern HANDOVER = Pattern.compile(
            "(?i)(here'?s my conversation with|here is my conversation with|and now,? (dear friends,? )?here'?s|enjoy (the|this) conversation)");

    private static final Pattern OUTRO = Pattern.compile(
            "(?i)(thanks for listening to this conversation|thank you for listening to this conversation|thanks for listening,? and (thank you|hope))");

    /**
     * Every {@link #HANDOVER} alternative contains one of these, and every {@link #OUTRO} one
     * {@link #OUTRO_FRAGMENT}: sentences without them skip the regex, as for {@link #AD_FRAGMENTS}.
     */
    static final String[] HANDOVER_FRAGMENTS = {"conversation", "and now"};
    static final String OUTRO_FRAGMENT = "listening";

    /** The opening is searched for the hand-over line within this share of the sentences. */
    private static final double OPENING_SHARE = 0.15;

    private SponsorDetector() {}

    public static List<Sentence.Role> roles(List<String> sentences) {
        int n = sentences.size();
        List<Sentence.Role> roles = new ArrayList<>(n);
        // each sentence lower-cased once, for all three fragment checks
        String[] lower = new String[n];
        for (int i = 0; i < n; i++) {
            lower[i] = sentences.get(i).toLowerCase(java.util.Locale.ROOT);
            roles.add(isAd(sentences.get(i), lower[i]) ? Sentence.Role.SPONSOR : Sentence.Role.CONVERSATION);
        }
        int limit = Math.max(1, (int) Math.ceil(n * OPENING_SHARE));
        int handover = -1;
        for (int i = 0; i < Math.min(n, limit); i++) {
            boolean candidate = lower[i].contains(HANDOVER_FRAGMENTS[0]) || lower[i].contains(HANDOVER_FRAGMENTS[1]);
            if (candidate && HANDOVER.matcher(sentences.get(i)).find()) {
                handover = i;
                break;
            }
        }
        if (handover >= 0) {
            boolean inAds = false;
            for (int i = 0; i <= handover; i++) {
                if (roles.get(i) == Sentence.Role.SPONSOR) inAds = true;
                roles.set(i, inAds || i == handover ? Sentence.Role.SPONSOR : Sentence.Role.INTRO);
            }
        }
        // the closing: "Thanks for listening to this conversation with ..." starts the host's outro
        for (int i = Math.max(0, n - limit); i < n; i++) {
            if (lower[i].contains(OUTRO_FRAGMENT) && OUTRO.matcher(sentences.get(i)).find()) {
                for (int j = i; j < n; j++) if (roles.get(j) == Sentence.Role.CONVERSATION) roles.set(j, Sentence.Role.INTRO);
                break;
            }
        }
        return roles;
    }
}

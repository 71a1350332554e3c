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
     * case-insensitive alternatives tried at each position, was two thirds of parsing time.
     */
    private static final String[] AD_FRAGMENTS = {
            "present", "brought", "sponsor", "code", "patreon", "subscribe", "podcast", "stars", "rate it", "review it",
            "follow", "connect with", "spotify", "cash app", "app store", "google play", "masterclass", "help",
            "expressvpn", "athletic", "ag1", "sleep", "magic spoon", "blinkist", "linode", "netsuite", "indeed",
            "squarespace", ".com", "sign up", "trial", "discount", "link", "support", "quick", "$", "%", "sipc", "broker", "fdic"};

    static boolean isAd(String sentence) {
        String lower = sentence.toLowerCase(java.util.Locale.ROOT);
        for (String f : AD_FRAGMENTS) {
            if (lower.contains(f)) return AD.matcher(sentence).find();
        }
        return false;
    }

    private static final Pattern HANDOVER = Pattern.compile(
            "(?i)(here'?s my conversation with|here is my conversation with|and now,? here'?s|enjoy (the|this) conversation)");

    private static final Pattern OUTRO = Pattern.compile(
            "(?i)(thanks for listening to this conversation|thank you for listening to this conversation|thanks for listening,? and (thank you|hope))");

    /** The opening is searched for the hand-over line within this share of the sentences. */
    private static final double OPENING_SHARE = 0.15;

    private SponsorDetector() {}

    public static List<Sentence.Role> roles(List<String> sentences) {
        int n = sentences.size();
        List<Sentence.Role> roles = new ArrayList<>(n);
        for (int i = 0; i < n; i++) roles.add(isAd(sentences.get(i)) ? Sentence.Role.SPONSOR : Sentence.Role.CONVERSATION);
        int limit = Math.max(1, (int) Math.ceil(n * OPENING_SHARE));
        int handover = -1;
        for (int i = 0; i < Math.min(n, limit); i++) {
            if (HANDOVER.matcher(sentences.get(i)).find()) {
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
            if (OUTRO.matcher(sentences.get(i)).find()) {
                for (int j = i; j < n; j++) if (roles.get(j) == Sentence.Role.CONVERSATION) roles.set(j, Sentence.Role.INTRO);
                break;
            }
        }
        return roles;
    }
}

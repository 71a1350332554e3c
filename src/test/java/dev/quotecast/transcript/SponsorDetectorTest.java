package dev.quotecast.transcript;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class SponsorDetectorTest {

    /** The one-pass fragment search finds a fragment exactly where asking each fragment in turn does. */
    @Test
    void theOnePassFragmentSearchAgreesWithContainsOnEveryFragmentAndItsNeighbours() {
        for (String f : SponsorDetector.AD_FRAGMENTS) {
            for (String s : List.of(f, "x" + f, f + "x", "a " + f + " b", "caf\u00e9 " + f, f.substring(0, f.length() - 1),
                    f.substring(1), f.charAt(0) + "\u00e9" + f.substring(1), "\u00e9" + f)) {
                assertThat(SponsorDetector.mentionsAdFragment(s)).as(s)
                        .isEqualTo(java.util.Arrays.stream(SponsorDetector.AD_FRAGMENTS).anyMatch(s::contains));
            }
        }
        assertThat(SponsorDetector.mentionsAdFragment("")).isFalse();
        assertThat(SponsorDetector.mentionsAdFragment("s")).isFalse();
    }

    @Test
    void theFragmentPrefilterNeverChangesTheVerdict() throws Exception {
        List<String> sentences = new ArrayList<>(List.of(
                "This show is presented by Cash App.", "Get 20% off with the link.", "Go to athleticgreens.com/lex.",
                "It is brought to you by ExpressVPN.", "Sign up for a free trial.", "Rate it five stars on Apple Podcasts.",
                "Follow me on Spotify.", "I sleep eight hours.", "Learning is a habit.", "Use the promo code LEX.",
                "Member SIPC.", "Get $10 off now.", "Support this podcast on Patreon."));
        List<Path> files = new ArrayList<>(List.of(Path.of("transcripts/lex-fridman-073-andrew-ng.txt")));
        Path corpus = Path.of(System.getProperty("quotecast.shared", "../shared"), "corpus/lex");
        if (Files.isDirectory(corpus)) {
            try (Stream<Path> s = Files.list(corpus)) {
                s.filter(p -> p.toString().endsWith(".txt")).sorted().limit(20).forEach(files::add);
            }
        }
        for (Path f : files) {
            for (String line : Files.readAllLines(f)) sentences.addAll(SentenceSplitter.split(line));
        }
        int ads = 0;
        for (String s : sentences) {
            String lower = s.toLowerCase(java.util.Locale.ROOT);
            assertThat(SponsorDetector.mentionsAdFragment(lower)).as(s)
                    .isEqualTo(java.util.Arrays.stream(SponsorDetector.AD_FRAGMENTS).anyMatch(lower::contains));
            boolean full = SponsorDetector.AD.matcher(s).find();
            assertThat(SponsorDetector.isAd(s)).as(s).isEqualTo(full);
            if (full) ads++;
        }
        assertThat(ads).isGreaterThan(10);
    }
    /**
     * Every phrase the regexes match, each optional part both ways: each must pass the fragment
     * prefilter, or a real ad read (or hand-over, or outro) would be missed without any test on
     * sample text noticing.
     */
    @Test
    void everyPhraseTheRegexesMatchContainsAFragment() {
        List<String> ads = new ArrayList<>(List.of("presented by", "brought to you by", "sponsored by", "our sponsor", "our sponsors",
                "use code", "use the code", "use promo code", "use the promo code", "promo code", "patreon", "subscribe on",
                "subscribe to", "apple podcasts", "five stars", "5 stars", "rate it", "review it", "follow me on", "follow us on",
                "connect with me on", "spotify", "cash app", "app store", "google play", "masterclass", "betterhelp", "better help",
                "expressvpn", "athletic greens", "ag1", "eight sleep", "8 sleep", "magic spoon", "blinkist", "linode", "netsuite",
                "indeed.com", "squarespace", "x.com/lex", "sign up at", "sign up for", "free trial", "discount",
                "the link in the description", "the links in the description", "quick mention", "quick break", "$5 off", "get 5%",
                "get $5%", "member sipc", "broker services", "fdic"));
        for (String a : List.of("this", "the")) {
            for (String b : List.of("show", "episode", "podcast")) {
                for (String c : List.of("", "also ")) ads.add(a + " " + b + " is " + c + "sponsored");
                if (!b.equals("episode")) ads.add("support " + a + " " + b);
            }
            ads.add("check out " + (a.equals("this") ? "our" : a) + " sponsor");
            ads.add("check out " + (a.equals("this") ? "our" : a) + " sponsors");
        }
        ads.add("support it podcast");
        ads.add("support it show");
        for (String ad : ads) {
            // the regex is wrapped in \\b: a phrase that starts or ends with a sign needs a letter beside it
            String phrase = (Character.isLetterOrDigit(ad.charAt(0)) ? "" : "x") + ad
                    + (Character.isLetterOrDigit(ad.charAt(ad.length() - 1)) ? "" : "x");
            for (String s : List.of("Well, " + phrase + " today.", ("WELL, " + phrase + " TODAY.").toUpperCase(java.util.Locale.ROOT))) {
                assertThat(SponsorDetector.AD.matcher(s).find()).as("the regex matches %s", s).isTrue();
                assertThat(SponsorDetector.isAd(s)).as(s).isTrue();
            }
        }
        List<String> handovers = List.of("here's my conversation with", "heres my conversation with", "here is my conversation with",
                "and now here's", "and now, heres", "and now, dear friends, here's", "and now dear friends heres", "enjoy the conversation",
                "enjoy this conversation");
        for (String h : handovers) {
            String s = "So " + h.toUpperCase(java.util.Locale.ROOT) + " Bob.";
            List<String> opening = List.of("Hello.", s, "Hi.", "A.", "B.", "C.", "D.", "E.", "F.", "G.", "H.", "I.", "J.", "K.", "L.");
            assertThat(SponsorDetector.roles(opening).get(1)).as(s).isEqualTo(Sentence.Role.SPONSOR);
        }
        List<String> outros = List.of("thanks for listening to this conversation", "thank you for listening to this conversation",
                "thanks for listening and thank you", "thanks for listening, and hope");
        for (String o : outros) {
            List<String> closing = new ArrayList<>(java.util.Collections.nCopies(14, "Talk."));
            closing.add(o.toUpperCase(java.util.Locale.ROOT) + " with Bob.");
            assertThat(SponsorDetector.roles(closing).get(14)).as(o).isEqualTo(Sentence.Role.INTRO);
        }
    }

    /** The roles of whole transcripts, against the regexes run on every sentence as before the prefilters. */
    @Test
    void rolesAreWhatTheRegexesAloneGive() throws Exception {
        List<Path> files = new ArrayList<>(List.of(Path.of("transcripts/lex-fridman-073-andrew-ng.txt")));
        Path corpus = Path.of(System.getProperty("quotecast.shared", "../shared"), "corpus/lex");
        if (Files.isDirectory(corpus)) {
            try (Stream<Path> s = Files.list(corpus)) {
                s.filter(p -> p.toString().endsWith(".txt")).sorted().forEach(files::add);
            }
        }
        int marked = 0;
        for (Path f : files) {
            List<String> sentences = new ArrayList<>();
            for (String line : Files.readAllLines(f)) sentences.addAll(SentenceSplitter.split(line));
            List<Sentence.Role> roles = SponsorDetector.roles(sentences);
            assertThat(roles).as(f.toString()).isEqualTo(regexesOnly(sentences));
            marked += (int) roles.stream().filter(r -> r != Sentence.Role.CONVERSATION).count();
        }
        assertThat(marked).isGreaterThan(10);
    }

    /** The later episodes hand over with "And now, dear friends, here's…": everything before it is the host's intro. */
    @Test
    void dearFriendsHandsOverToo() {
        List<String> opening = new ArrayList<>(List.of("The following is a conversation with Magnus Carlsen.", "The camera died 20 minutes in.",
                "I hope you understand.", "Thank you for your patience and support along the way.", "I love you all.",
                "And now, dear friends, here's Magnus Carlsen.", "You're considered by many to be the greatest."));
        opening.addAll(java.util.Collections.nCopies(40, "We talk."));
        List<Sentence.Role> roles = SponsorDetector.roles(opening);
        assertThat(roles.subList(0, 5)).containsOnly(Sentence.Role.INTRO);
        assertThat(roles.get(5)).isEqualTo(Sentence.Role.SPONSOR);
        assertThat(roles.get(6)).isEqualTo(Sentence.Role.CONVERSATION);
    }

    /** {@link SponsorDetector#roles} as it was written before any prefilter. */
    private static List<Sentence.Role> regexesOnly(List<String> sentences) {
        int n = sentences.size();
        List<Sentence.Role> roles = new ArrayList<>(n);
        for (String s : sentences) roles.add(SponsorDetector.AD.matcher(s).find() ? Sentence.Role.SPONSOR : Sentence.Role.CONVERSATION);
        int limit = Math.max(1, (int) Math.ceil(n * 0.15));
        int handover = -1;
        java.util.regex.Pattern hand = java.util.regex.Pattern.compile(
                "(?i)(here'?s my conversation with|here is my conversation with|and now,? (dear friends,? )?here'?s|enjoy (the|this) conversation)");
        java.util.regex.Pattern outro = java.util.regex.Pattern.compile(
                "(?i)(thanks for listening to this conversation|thank you for listening to this conversation|thanks for listening,? and (thank you|hope))");
        for (int i = 0; i < Math.min(n, limit); i++) {
            if (hand.matcher(sentences.get(i)).find()) {
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
        for (int i = Math.max(0, n - limit); i < n; i++) {
            if (outro.matcher(sentences.get(i)).find()) {
                for (int j = i; j < n; j++) if (roles.get(j) == Sentence.Role.CONVERSATION) roles.set(j, Sentence.Role.INTRO);
                break;
            }
        }
        return roles;
    }
}

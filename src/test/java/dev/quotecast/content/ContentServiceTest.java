package dev.quotecast.content;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quotecast.Engine;
import dev.quotecast.TestEngines;
import dev.quotecast.speakers.HostModel;
import dev.quotecast.transcript.Episode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ContentServiceTest {

    static Engine engine;
    static ContentService content;

    @BeforeAll
    static void start() {
        engine = TestEngines.seed();
        content = engine.content();
    }

    @AfterAll
    static void stop() throws Exception {
        engine.close();
    }

    @Test
    void quotesTheHostModelTakesForTheHostsComeAfterEveryOther() {
        // people ask a quote bot for what the guests said, and the model often takes a guest's line for the host's
        HostModel host = content.models().host();
        int hostCredited = 0;
        for (String topic : List.of("learning", "education", "machine learning", "deep learning", "career", "research", "teaching",
                "data", "students", "reading", "work", "future", "jobs", "courses", "PhD", "Coursera", "self-driving cars", "AI", "habits")) {
            boolean hostSeen = false;
            for (Quote q : content.quotes(topic, 8)) {
                Moment m = q.moment();
                boolean hosts = host.anyHost(m.episode(), m.firstSentence(), m.lastSentence());
                assertThat(hostSeen && !hosts).as("%s: a guest's quote after the host's: %s", topic, q.text()).isFalse();
                hostSeen |= hosts;
                if (hosts) hostCredited++;
            }
        }
        assertThat(hostCredited).as("quotes the host model takes for the host's are still offered, last").isPositive();
    }

    @Test
    void adviceIsTheSameForADateAndDoesNotRepeatUntilThePoolIsUsed() {
        int n = content.advicePoolSize();
        assertThat(n).isGreaterThan(5);
        LocalDate start = LocalDate.of(2026, 1, 1).plusDays(Math.floorMod(-LocalDate.of(2026, 1, 1).toEpochDay(), n));
        assertThat(Math.floorMod(start.toEpochDay(), n)).isZero();
        Set<String> seen = new HashSet<>();
        for (int d = 0; d < n; d++) {
            Quote q = content.advice(start.plusDays(d)).orElseThrow();
            assertThat(seen.add(q.moment().key())).as("day %d repeats", d).isTrue();
            assertThat(content.advice(start.plusDays(d)).orElseThrow().moment().key()).isEqualTo(q.moment().key());
            assertThat(q.moment().episode().sentence(q.moment().firstSentence()).quotable()).isTrue();
        }
        assertThat(seen).hasSize(n);
    }

    @Test
    void anAdviceComesBackNoSoonerThanHalfAPoolLaterEvenAcrossCycles() {
        // the deal alone, for pool sizes from one to a year's worth: each cycle is a permutation, and
        // the last advice of a cycle never opens the next (the complaint: the same advice twice in 14 days)
        for (int n = 1; n <= 400; n++) {
            List<Integer> days = new ArrayList<>();
            for (long cycle = 0; cycle < 4; cycle++) {
                List<Integer> deal = AdviceOfTheDay.dealOf(cycle, n);
                assertThat(new HashSet<>(deal)).as("cycle %d of %d", cycle, n).hasSize(n);
                days.addAll(deal);
            }
            Map<Integer, Integer> last = new HashMap<>();
            for (int d = 0; d < days.size(); d++) {
                Integer before = last.put(days.get(d), d);
                if (before != null) assertThat(d - before).as("pool of %d, day %d", n, d).isGreaterThanOrEqualTo(Math.max(1, n / 2));
            }
        }
        // and what the bot serves, over three cycles of the seed's pool
        int n = content.advicePoolSize();
        LocalDate start = LocalDate.of(2026, 12, 1);
        Map<String, Integer> seenOn = new HashMap<>();
        for (int d = 0; d < 3 * n; d++) {
            Integer before = seenOn.put(content.advice(start.plusDays(d)).orElseThrow().moment().key(), d);
            if (before != null) assertThat(d - before).as("day %d", d).isGreaterThanOrEqualTo(n / 2);
        }
    }

    @Test
    void aPersonWithATenthOfThePoolGetsAboutThreeDaysInThirty() {
        // a pool of 92 as on the 101 episodes: two people at the cap (9 each), a few with 3 to 5, the rest alone
        int n = 92;
        String[] who = new String[n];
        for (int i = 0; i < n; i++) who[i] = i < 9 ? "Danaher" : i < 18 ? "St-Pierre" : i < 23 ? "Fadell" : i < 26 ? "Cain" : "guest " + i;
        List<Integer> days = new ArrayList<>();
        for (long cycle = 0; cycle < 40; cycle++) days.addAll(AdviceOfTheDay.dealOf(cycle, n, i -> who[i]));
        int windows = 0, crowded = 0, most = 0;
        for (int from = 0; from + 30 <= days.size(); from++) {
            for (String person : List.of("Danaher", "St-Pierre")) {
                int k = 0;
                for (int d = from; d < from + 30; d++) if (who[days.get(d)].equals(person)) k++;
                windows++;
                if (k >= 5) crowded++;
                most = Math.max(most, k);
            }
        }
        // a shuffle alone (each half shuffled, no spreading): 5 or more in 11.5% of windows over 200 cycles, up to 8
        assertThat(100.0 * crowded / windows).as("%% of 30-day windows where one of them has 5 days or more").isLessThan(5);
        assertThat(most).as("most days of one of them in any 30 consecutive days").isLessThanOrEqualTo(6);
    }

    @Test
    void twoDaysInARowDoNotQuoteTheSamePersonWhereThePoolAllowsIt() {
        // pools where one person holds from a tenth to a half of the advice; each half of a cycle is dealt on its own,
        // so the rule can hold wherever no one has more than half of a half
        int checked = 0;
        for (int n = 2; n <= 200; n += 3) {
            for (int every = 2; every <= 10; every += 2) {
                int talkative = every;
                java.util.function.IntFunction<String> who = i -> i % talkative == 0 ? "talkative" : "guest " + (i % 7);
                for (long cycle = 0; cycle < 3; cycle++) {
                    List<Integer> deal = AdviceOfTheDay.dealOf(cycle, n, who);
                    assertThat(new HashSet<>(deal)).as("a permutation").hasSize(n);
                    assertThat(deal.subList(0, n / 2)).as("the same early half as the plain deal")
                            .containsExactlyInAnyOrderElementsOf(AdviceOfTheDay.dealOf(cycle, n).subList(0, n / 2));
                    if (!spreadable(deal.subList(0, n / 2), who) || !spreadable(deal.subList(n / 2, n), who)) continue;
                    checked++;
                    for (int d = 1; d < n; d++) {
                        assertThat(who.apply(deal.get(d))).as("pool %d, 1 in %d talkative, cycle %d, day %d", n, talkative, cycle, d)
                                .isNotEqualTo(who.apply(deal.get(d - 1)));
                    }
                }
            }
        }
        assertThat(checked).as("deals where the rule can hold").isGreaterThan(500);
    }

    @Test
    void noPersonGivesMoreThanATenthOfTheAdvicePoolUnlessFewerThanTenPeopleAreInIt() {
        // 40 items: A 20 (likeliest at odd places), B 10, and 10 people with one each
        String[] who = new String[40];
        double[] p = new double[40];
        for (int i = 0; i < 40; i++) {
            who[i] = i < 20 ? "A" : i < 30 ? "B" : "P" + i;
            p[i] = i < 20 ? (i % 2 == 1 ? 0.9 : 0.4) : 0.5;
        }
        List<Integer> kept = AdviceOfTheDay.capShare(40, i -> who[i], i -> p[i]);
        Map<String, Integer> count = new HashMap<>();
        for (int i : kept) count.merge(who[i], 1, Integer::sum);
        // 12 people: the cap is a tenth of 40, rounded up
        assertThat(count).containsEntry("A", 4).containsEntry("B", 4).hasSize(12);
        assertThat(kept).as("A's likeliest, in pool order").startsWith(1, 3, 5, 7, 20).isSorted();
        // one person's library keeps everything; two people keep an equal share each
        assertThat(AdviceOfTheDay.capShare(9, i -> "solo", i -> 0.5)).hasSize(9);
        List<Integer> two = AdviceOfTheDay.capShare(10, i -> i < 8 ? "X" : "Y", i -> 1.0 - i / 100.0);
        assertThat(two).containsExactly(0, 1, 2, 3, 4, 8, 9);
    }

    @Test
    void noTwoAdviceComeFromOneAnswer() {
        var e = content.corpus().episodes().get(0);
        // sentences 100, 104 and 109 are one answer (the likeliest, 104, stays); 130 and 140 are apart from it and each other
        int[] at = {100, 104, 109, 130, 140};
        double[] p = {0.5, 0.9, 0.7, 0.4, 0.4};
        List<Integer> kept = AdviceOfTheDay.oneFromEachAnswer(at.length, i -> new Moment(e, at[i], at[i]), i -> p[i]);
        assertThat(kept).containsExactly(1, 3, 4);
        // two-sentence spans count from their ends: 9 sentences apart is one answer, 10 is two
        List<Moment> near = List.of(new Moment(e, 100, 101), new Moment(e, 110, 111));
        assertThat(AdviceOfTheDay.oneFromEachAnswer(2, near::get, i -> 0.5)).containsExactly(0);
        List<Moment> apart = List.of(new Moment(e, 100, 101), new Moment(e, 111, 112));
        boolean asked = false;
        for (int i = 102; i <= 110; i++) asked |= Answerer.asks(e, i);
        assertThat(AdviceOfTheDay.oneFromEachAnswer(2, apart::get, i -> 0.5)).as("a question between them: " + asked)
                .containsExactly(asked ? new Integer[] {0, 1} : new Integer[] {0});
    }

    @Test
    void anAnswerRunsUntilTheHostAsks() {
        String[] s = new String[80];
        for (int i = 0; i < s.length; i++) s[i] = "Sentence number " + i + " of a long reply.";
        s[20] = "What would you tell a beginner?";
        s[60] = "And what about sleep?";
        var e = dev.quotecast.TestEpisodes.episode("answers", s);
        // advice at 25 and 45 are one answer (no question between), 45 and 62 are not
        int[] at = {25, 45, 62};
        double[] p = {0.9, 0.8, 0.7};
        assertThat(AdviceOfTheDay.oneFromEachAnswer(3, i -> new Moment(e, at[i], at[i]), i -> p[i])).containsExactly(0, 2);
        assertThat(AdviceOfTheDay.answerAround(new Moment(e, 40, 40))).extracting(Moment::firstSentence, Moment::lastSentence)
                .as("from the question before to the one after").containsExactly(21, 59);
        assertThat(AdviceOfTheDay.answerAround(new Moment(e, 25, 25))).extracting(Moment::firstSentence, Moment::lastSentence)
                .as("never less than nine sentences either side; at most 30 with no question").containsExactly(16, 55);
        // with no question at all, an answer stops 30 sentences out
        var flat = dev.quotecast.TestEpisodes.episode("flat", "Only this.");
        String[] none = new String[100];
        java.util.Arrays.fill(none, "No question here.");
        var noQuestions = dev.quotecast.TestEpisodes.episode("none", none);
        assertThat(AdviceOfTheDay.answerAround(new Moment(noQuestions, 50, 50))).extracting(Moment::firstSentence, Moment::lastSentence)
                .containsExactly(20, 80);
        assertThat(AdviceOfTheDay.answerAround(new Moment(flat, 0, 0))).extracting(Moment::firstSentence, Moment::lastSentence)
                .containsExactly(0, 0);
    }

    /** No one holds more than half of {@code part}: it can be dealt with no one twice in a row, whoever came before. */
    static boolean spreadable(List<Integer> part, java.util.function.IntFunction<String> who) {
        Map<String, Integer> count = new HashMap<>();
        for (int i : part) count.merge(who.apply(i), 1, Integer::sum);
        return count.values().stream().allMatch(c -> 2 * c <= part.size());
    }

    @Test
    void episodeIsFoundByNumberIdOrWords() {
        assertThat(content.findEpisode("73")).isPresent();
        assertThat(content.findEpisode("#73")).isPresent();
        assertThat(content.findEpisode("lex-fridman-073-andrew-ng")).isPresent();
        assertThat(content.findEpisode("andrew ng")).isPresent();
        assertThat(content.findEpisode("deep learning education")).isPresent();
        assertThat(content.findEpisode("74")).isEmpty();
        assertThat(content.findEpisode("zzzz qqqq")).isEmpty();
    }

    @Test
    void episodeCardHasASummaryFromDifferentPartsTopicsAndQuotes() {
        EpisodeCard card = content.episode("73").orElseThrow();
        assertThat(card.summary()).hasSizeBetween(3, 5);
        for (int i = 1; i < card.summary().size(); i++) {
            assertThat(card.summary().get(i).startSeconds()).isGreaterThan(card.summary().get(i - 1).startSeconds() + 5 * 60);
        }
        assertThat(card.summary()).allSatisfy(m -> assertThat(m.episode().sentence(m.firstSentence()).quotable()).isTrue());
        assertThat(card.topics()).hasSizeGreaterThanOrEqualTo(3).doesNotHaveDuplicates();
        assertThat(card.quotes()).hasSize(3);
        assertThat(card.quotes()).allSatisfy(q -> assertThat(QuoteRules.isQuotable(q.moment().episode(), q.moment().firstSentence(), q.moment().lastSentence())).isTrue());
    }

    /** The card of an episode that says {@code three} sentences four times over, weighed by the seed's library. */
    private EpisodeCard cardSayingFourTimes(String name, String... three) {
        String[] sentences = new String[4 * three.length];
        for (int i = 0; i < sentences.length; i++) sentences[i] = three[i % three.length];
        return EpisodeSummarizer.over(content.snapshot().searcher(), content.models()).card(dev.quotecast.TestEpisodes.episode(name, sentences));
    }

    @Test
    void cardTopicsNeverOpenOrCloseWithAFunctionWord() {
        // "figure out" and "better than" are said more often here than "rocket engines", but name nothing
        EpisodeCard card = cardSayingFourTimes("rockets", "We had to figure out the rocket engines before anything else worked.",
                "Reusable rocket engines are better than anything we flew before, and we will figure out the rest.",
                "Nobody could figure out why the rocket engines were better than the old ones in the cold.");
        assertThat(card.topics()).contains("rocket engines");
        assertThat(card.topics()).allSatisfy(t -> {
            String[] w = t.toLowerCase(java.util.Locale.ROOT).split(" ");
            assertThat(EpisodeSummarizer.FUNCTION_WORDS).as(t).doesNotContain(w[0], w[w.length - 1]);
        });
    }

    @Test
    void aCardNamesTheWholePhraseNotThePieceSaidAsPartOfIt() {
        // "recurrent neural" is said more often than "recurrent neural networks" (once as "nets") and outscored it: a cut-off topic
        EpisodeCard card = cardSayingFourTimes("rnn", "Recurrent neural networks remember what they saw a moment ago.",
                "We trained recurrent neural networks on handwriting long before anyone cared.",
                "Training recurrent neural nets took weeks on the old machines, and handwriting was hard.");
        List<String> topics = card.topics().stream().map(t -> t.toLowerCase(java.util.Locale.ROOT)).toList();
        assertThat(topics).contains("recurrent neural networks").doesNotContain("recurrent neural");
        java.util.Map<String, Integer> extended = EpisodeSummarizer.mostSaidExtension(java.util.Map.of("recurrent neural", 12,
                "recurrent neural networks", 9, "training recurrent neural", 3, "deep learning", 20, "deep learning models", 5));
        assertThat(extended).containsEntry("recurrent neural", 9).containsEntry("neural networks", 9).containsEntry("deep learning", 5);
        assertThat(EpisodeSummarizer.pieceOfLonger(12, extended.get("recurrent neural"))).isTrue();
        // said apart from the longer phrase most of the time, it is a topic of its own
        assertThat(EpisodeSummarizer.pieceOfLonger(20, extended.get("deep learning"))).isFalse();
    }

    @Test
    void aKeyTopicOfOneWordIsNeverABareVerb() {
        // no phrase holds it ("they", "we", "you" are fillers), so the word alone was the card's topic
        EpisodeCard card = cardSayingFourTimes("gifts", "They reciprocate.", "We reciprocate.", "You reciprocate.", "Harvests matter.");
        assertThat(card.topics()).contains("Harvests matter").doesNotContain("reciprocate");
        PartsOfSpeech tagger = content.models().partsOfSpeech();
        assertThat(tagger.mostlyVerb("reciprocate", List.of("Villagers reciprocate.", "Strangers reciprocate slowly."))).isTrue();
        assertThat(tagger.mostlyVerb("drilling", List.of("The drilling never stopped.", "Drilling is how you learn a leg lock."))).isFalse();
        assertThat(tagger.mostlyVerb("reciprocate", List.of("Nothing here says it."))).as("not found").isFalse();
    }

    @Test
    void theWholePhraseCountsItsInflectionsTogether() {
        // "self driving car" and "self driving cars" each hold half of "self driving": together, all of it
        EpisodeCard card = cardSayingFourTimes("cars", "The self driving car is coming.", "Every self driving car needs maps.",
                "Self driving cars are safe.", "We built self driving cars.");
        List<String> topics = card.topics().stream().map(t -> t.toLowerCase(java.util.Locale.ROOT)).toList();
        assertThat(topics).containsAnyOf("self driving car", "self driving cars").doesNotContain("self driving");
    }

    @Test
    void aCardNamesOneTopicOnceHoweverItIsInflected() {
        EpisodeCard card = cardSayingFourTimes("physics", "We studied quantum mechanics at school.", "Quantum mechanics never made sense to me.",
                "The quantum mechanical picture never made sense either.", "Honestly the quantum mechanical world seemed wrong.");
        List<String> topics = card.topics().stream().map(t -> t.toLowerCase(java.util.Locale.ROOT)).toList();
        assertThat(topics).containsAnyOf("quantum mechanics", "quantum mechanical");
        assertThat(topics).as("one of the two").filteredOn(t -> t.startsWith("quantum mechanic")).hasSize(1);
    }

    @Test
    void theGuestsOwnNameIsNotATopicOfTheirConversation() {
        dev.quotecast.transcript.Episode e = titled("Ada Palmer: History | Test Show #7", "Renaissance Florence was my first love, said Ada Palmer.",
                "Then Ada Palmer wrote about Renaissance Florence again.", "Everyone asks Ada Palmer about Renaissance Florence.",
                "Renaissance Florence, said Ada Palmer, was louder than Rome.");
        assertThat(EpisodeSummarizer.speakersNames(e)).contains("ada palmer", "ada", "palmer");
        EpisodeCard card = EpisodeSummarizer.over(content.snapshot().searcher(), content.models()).card(e);
        assertThat(card.topics()).contains("Renaissance Florence").doesNotContain("Ada Palmer", "Palmer");
    }

    /** A test episode of these sentences under this title (guest, topic, show and number read from it). */
    private static dev.quotecast.transcript.Episode titled(String title, String... sentences) {
        dev.quotecast.transcript.Episode plain = dev.quotecast.TestEpisodes.episode("titled", sentences);
        return new dev.quotecast.transcript.Episode(plain.id(), dev.quotecast.transcript.EpisodeTitle.parse(title), plain.date(), plain.duration(),
                null, plain.sentences(), true, plain.source(), plain.checksum());
    }

    @Test
    void theShowsNameIsNotATopicWhenNoShowFileNamesTheHost() {
        // the host greeted by first name, four times, with no show.yml naming him: "Lex" was a topic of a card of the Lex Fridman Podcast
        dev.quotecast.transcript.Episode e = titled("Ada Palmer: History | Tova Berg Hour #7", "Well, Tova, Renaissance Florence was my first love.",
                "You know, Tova, Renaissance Florence was louder than Rome.", "Tova, everyone asks about Renaissance Florence.",
                "Renaissance Florence, Tova, is where the bankers lived.");
        assertThat(e.host()).as("no host named").isNull();
        EpisodeCard card = EpisodeSummarizer.over(content.snapshot().searcher(), content.models()).card(e);
        assertThat(card.topics()).contains("Renaissance Florence").doesNotContain("Tova");
    }

    @Test
    void aTopicSaidAsPartOfALongerNameIsShownAsTheWholeName() {
        // "kim jong" (two words of three letters or more) was the card's topic, cut off from "Kim Jong Un";
        // "conway's game" from "Conway's Game of Life", whose "of" ended the name
        EpisodeCard card = cardSayingFourTimes("korea", "They feared Kim Jong Un most of all.", "Then Kim Jong Un spoke.",
                "We watched Kim Jong Un for years.", "Everyone played with Conway's Game of Life at school.");
        assertThat(card.topics()).contains("Kim Jong Un").doesNotContain("Kim Jong");
        java.util.Map<String, Integer> names = java.util.Map.of("Conway's Game of Life", 6, "Kim Jong Un", 23, "de Sitter", 13, "Jong", 2);
        assertThat(EpisodeSummarizer.nameHolding("conway's game", 7, names)).isEqualTo("Conway's Game of Life");
        assertThat(EpisodeSummarizer.nameHolding("sitter", 14, names)).isEqualTo("de Sitter");
        // said apart from the name most of the time, the words are a topic of their own
        assertThat(EpisodeSummarizer.nameHolding("kim jong", 40, names)).isNull();
        assertThat(EpisodeSummarizer.nameHolding("life", 30, names)).isNull();
    }

    @Test
    void oneThingSaidTwoWaysIsOneTopicShownByItsName() {
        // the Demis Hassabis card listed "alpha fold" and "AlphaFold", the Yeonmi Park card "North Korea" and "North Korean"
        EpisodeCard card = cardSayingFourTimes("proteins", "We built alpha fold for proteins.", "Then alpha fold solved it.",
                "The alpha fold team grew.", "Everyone read the AlphaFold paper.", "And then AlphaFold won.", "So AlphaFold is famous.");
        assertThat(card.topics()).contains("AlphaFold").doesNotContain("alpha fold");
        assertThat(EpisodeSummarizer.overlap("North Korea", "North Korean")).isTrue();
        assertThat(EpisodeSummarizer.overlap("North Korean", "South Korea")).isFalse();
        assertThat(EpisodeSummarizer.overlap("protein folding", "AlphaFold")).isFalse();
    }

    @Test
    void wordsTheStemmerKeepsApartByTheirEndingsAreOneTopic() {
        // Juergen Schmidhuber's card listed "problem solver" and "problem solving", Kai-Fu Lee's "Chinese" and "China"
        EpisodeCard card = cardSayingFourTimes("solvers", "A good problem solver enjoys problem solving.",
                "Problem solving made him a problem solver.", "Every problem solver practices problem solving with chess openings.");
        List<String> topics = card.topics().stream().map(t -> t.toLowerCase(java.util.Locale.ROOT)).toList();
        assertThat(topics).as("one of the two").filteredOn(t -> t.startsWith("problem solv")).hasSize(1);
        assertThat(EpisodeSummarizer.overlap("China", "Chinese")).isTrue();
        assertThat(EpisodeSummarizer.overlap("computer", "compiler")).as("'comp' leaves four letters").isFalse();
        assertThat(EpisodeSummarizer.overlap("quantum computer", "classical computer")).isFalse();
    }

    @Test
    void aKeyTopicOfOneWordIsShownAsItIsWritten() {
        // not lower-cased: "iPod", "Karpov"; a sentence's first word does not count ("Drilling never stopped.")
        EpisodeCard card = cardSayingFourTimes("devices", "We loved the iPod.", "Then the iPod.", "Oh, the iPod.", "Harvests matter.");
        assertThat(card.topics()).contains("iPod").doesNotContain("ipod");
    }

    @Test
    void quotesNeverServeSponsorReadsOrQuestions() {
        for (String topic : new String[] {"cash app", "bitcoin", "patreon", "podcast", "money"}) {
            for (Quote q : content.quotes(topic, 10)) {
                Moment m = q.moment();
                assertThat(QuoteRules.isQuotable(m.episode(), m.firstSentence(), m.lastSentence())).as(q.text()).isTrue();
                assertThat(q.text()).doesNotContain("use code").doesNotContain("Patreon");
            }
        }
    }

    @Test
    void keptAdviceScoresOfSpansNoLongerCandidatesStayOutOfThePool() {
        Corpus c = content.corpus();
        Episode e = c.episodes().get(0);
        HostModel host = HostModel.shipped();
        Set<String> candidates = new HashSet<>();
        for (Moment m : AdviceOfTheDay.textCandidates(e)) candidates.add(m.key());
        int outside = 0;
        while (candidates.contains(new Moment(e, outside, outside).key())) outside++;
        // scores kept beside the index before a rule changed: the span outside today's candidates scored highest
        List<AdviceScores.Scored> kept = new ArrayList<>();
        for (Moment m : AdviceOfTheDay.candidates(e, host)) kept.add(new AdviceScores.Scored(m.firstSentence(), m.lastSentence(), 0.9f));
        kept.add(new AdviceScores.Scored(outside, outside, 1.0f));
        AdviceScores scores = new AdviceScores(null, "test");
        scores.put(e, kept);
        AdviceOfTheDay advice = new AdviceOfTheDay(() -> c, SpanClassifier.shipped("advice", List.of()), host, scores);
        assertThat(advice.pool()).extracting(q -> q.moment().key()).isNotEmpty().doesNotContain(new Moment(e, outside, outside).key());
    }

    @Test
    void quoteRules() {
        assertThat(QuoteRules.startsCleanly("And so we went home.")).isFalse();
        assertThat(QuoteRules.startsCleanly("But that was it.")).isFalse();
        assertThat(QuoteRules.startsCleanly("It is what it is.")).isFalse();
        assertThat(QuoteRules.startsCleanly("lower case start.")).isFalse();
        assertThat(QuoteRules.startsCleanly("Learning is a habit.")).isTrue();
        // one item of a list whose other items the quote leaves out
        assertThat(QuoteRules.startsCleanly("C, when you're mad at yourself, you'll be less good to others.")).isFalse();
        assertThat(QuoteRules.startsCleanly("I, for one, think it matters.")).isTrue();
        assertThat(QuoteRules.startsCleanly("A good leader listens.")).isTrue();
        assertThat(QuoteRules.endsCleanly("Learning is a habit.")).isTrue();
        assertThat(QuoteRules.endsCleanly("Learning is a habit?")).isFalse();
        assertThat(QuoteRules.endsCleanly("He said \"go.\"")).isTrue();
        // the other speaker's view restated is nobody's quote or advice
        assertThat(QuoteRules.restatesTheOther("You're saying ultimately it's always better to lead by inspiration.")).isTrue();
        assertThat(QuoteRules.restatesTheOther("You\u2019re saying we should be humble.")).isTrue();
        assertThat(QuoteRules.restatesTheOther("You said that there's a difference between a fighter and a martial artist.")).isTrue();
        assertThat(QuoteRules.restatesTheOther("You talked about facing a crisis.")).isTrue();
        assertThat(QuoteRules.restatesTheOther("You should say what you mean.")).isFalse();
        assertThat(QuoteRules.restatesTheOther("Your saying it twice does not make it true.")).isFalse();
        assertThat(QuoteRules.restatesTheOther("I think what you said is right.")).isFalse();
        // a question the transcript did not mark, or a sentence that lost its subject, opens with its verb
        assertThat(QuoteRules.ASKS_UNMARKED.matcher("Is it possible that we are alone in the universe.").find()).isTrue();
        assertThat(QuoteRules.ASKS_UNMARKED.matcher("Should welcome just, should welcome people that don't fit in.").find()).isTrue();
        assertThat(QuoteRules.ASKS_UNMARKED.matcher("Isolation is the enemy of good work.").find()).isFalse();
        assertThat(QuoteRules.ASKS_UNMARKED.matcher("Will MacAskill has argued this for years.").find()).isFalse();
        // a sentence that starts over after its subject and verb
        assertThat(QuoteRules.RESTARTS.matcher("You're not, there's no miserly attitude around happiness.").find()).isTrue();
        assertThat(QuoteRules.RESTARTS.matcher("I don't, I don't think for a long, long time they got it.").find()).isTrue();
        assertThat(QuoteRules.RESTARTS.matcher("You can, you know, you can break it.").find()).isTrue();
        assertThat(QuoteRules.RESTARTS.matcher("You should, but you could also fix the whole business model.").find()).isTrue();
        assertThat(QuoteRules.RESTARTS.matcher("I, for one, think it matters.").find()).isFalse();
        assertThat(QuoteRules.RESTARTS.matcher("You can always learn, whatever your age.").find()).isFalse();
        assertThat(QuoteRules.RESTARTS.matcher("We are, in the end, what we repeatedly do.").find()).isFalse();
        // the host telling the guest about the guest's own life
        assertThat(QuoteRules.DESCRIBES_THE_OTHER.matcher("You've achieved a lot of success.").find()).isTrue();
        assertThat(QuoteRules.DESCRIBES_THE_OTHER.matcher("You were at Tesla for five months as the VP of autopilot software.").find()).isTrue();
        assertThat(QuoteRules.DESCRIBES_THE_OTHER.matcher("You won't even remember it.").find()).isFalse();
        assertThat(QuoteRules.DESCRIBES_THE_OTHER.matcher("You have to love what you're doing.").find()).isFalse();
        assertThat(QuoteRules.DESCRIBES_THE_OTHER.matcher("You've got to show you're right by looking at the evidence.").find()).isFalse();
    }

    @Test
    void theSetUpOfAQuestionTheHostAnnouncedIsNoQuote() {
        Episode e = dev.quotecast.TestEpisodes.episode("ask",
                "Patience is the quiet engine behind every long project that ever worked out well.",
                "So Alan Watts has this quote that I'd like to ask you about.",
                "The quote is, through our eyes, the universe is perceiving itself and its own harmonies.",
                "So that is not quite panpsychism in the strict sense that philosophers use.",
                "Do you think we are the senses the universe made to be conscious of itself?",
                "I think the universe becomes aware of itself through every creature that can look up at it.",
                "Let me ask you about books for a while, since you have written so many of them.",
                "Reading slowly is the best way to remember what a book was trying to teach you.",
                "Writing every single morning is what made the second book so much easier than the first.");
        assertThat(QuoteRules.isQuotable(e, 0, 0)).as("before the announcement").isTrue();
        assertThat(QuoteRules.isQuotable(e, 2, 2)).as("the host reading out the quote he will ask about").isFalse();
        assertThat(QuoteRules.isQuotable(e, 3, 3)).isFalse();
        assertThat(QuoteRules.isQuotable(e, 5, 5)).as("the guest's answer, after the question").isTrue();
        // an announcement that no question follows sets nothing up
        assertThat(QuoteRules.isQuotable(e, 7, 7)).isTrue();
        assertThat(QuoteRules.isQuotable(e, 7, 8)).isTrue();

        // a long set-up: the question comes ten sentences after "So let me ask."
        Episode longer = dev.quotecast.TestEpisodes.episode("ask-long",
                "So let me ask.",
                "This is not about the factory robots that weld the frames of the cars together.",
                "Love is the answer.",
                "Yes.",
                "We connect with robots shaped like dogs in a way that still surprises the engineers.",
                "There is a huge amount of loneliness in this world, in every city and every village.",
                "All of us seek companionship with other humans, friendship and all those kinds of things.",
                "Here in Austin a lot of people have dogs and talk to them more than to their neighbours.",
                "There seems to be a huge opportunity for robots that help lonely people connect with each other.",
                "So in a way that dogs can do today for millions of people.",
                "Do you think about that with the robot at all?",
                "Friendship is built in small moments, not in grand gestures, and it takes years of them.");
        assertThat(QuoteRules.isQuotable(longer, 6, 6)).as("the host's set-up, six sentences after the announcement").isFalse();
        assertThat(QuoteRules.isQuotable(longer, 11, 11)).as("the answer after the question").isTrue();
    }
}

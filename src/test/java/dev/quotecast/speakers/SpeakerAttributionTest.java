package dev.quotecast.speakers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quotecast.Engine;
import dev.quotecast.bot.Reply;
import dev.quotecast.cli.JsonRenderer;
import dev.quotecast.cli.TextRenderer;
import dev.quotecast.config.BotConfig;
import dev.quotecast.content.Answer;
import dev.quotecast.content.ContentService;
import dev.quotecast.content.Moment;
import dev.quotecast.content.Quote;
import dev.quotecast.transcript.Episode;
import dev.quotecast.transcript.Sentence;
import dev.quotecast.transcript.TranscriptLibrary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Who said it, from a transcript that names its speakers to what the bot serves: the labels win
 * over the host-or-guest model, the host's words are never a guest's quote or advice, and quotes,
 * advice and answers carry the speaker's name to every renderer.
 */
class SpeakerAttributionTest {

    @TempDir
    Path dir;

    static final String HOST = "Lex Fridman";
    static final String GUEST = "Ada Palmer";

    /**
     * An interview in WhisperX's JSON where the host, too, says quotable things about habits, in
     * statements the text alone could take for the guest's.
     */
    static final String[][] TURNS = {
            {"SPEAKER_00", "Habits are the compound interest of self improvement, and I believe that deeply."},
            {"SPEAKER_00", "You should build your habits slowly, one small step every single morning."},
            {"SPEAKER_01", "Good habits start small and grow when you repeat them every day without exception."},
            {"SPEAKER_01", "The secret of lasting habits is to make the first step so easy that you cannot say no."},
            {"SPEAKER_00", "My habits around sleep changed everything about how I work and think."},
            {"SPEAKER_01", "Never try to change ten habits at once, because you will keep none of them."},
            {"SPEAKER_01", "Focus on one habit, write it down, and remember that consistency beats intensity."},
            {"SPEAKER_00", "What habit would you recommend to a young person starting out today?"},
            {"SPEAKER_01", "Reading for an hour every day is the habit I would recommend to anyone who wants to learn."},
    };

    private Path writeInterview() throws Exception {
        StringBuilder sb = new StringBuilder("{\"segments\": [\n");
        long t = 0;
        for (int k = 0; k < TURNS.length; k++) {
            sb.append(String.format(Locale.ROOT, "{\"start\": %.3f, \"end\": %.3f, \"text\": \" %s\", \"speaker\": \"%s\"}%s%n",
                    t / 1000.0, (t + 6_000) / 1000.0, TURNS[k][1], TURNS[k][0], k + 1 < TURNS.length ? "," : ""));
            t += 6_500;
        }
        sb.append("]}\n");
        Files.writeString(dir.resolve("ada-palmer.json"), sb.toString());
        Files.writeString(dir.resolve("show.yml"), "show: Test Podcast\nhost: " + HOST + "\n");
        Files.writeString(dir.resolve("ada-palmer.meta.yml"), "title: 'Ada Palmer: Habits and history'\n"
                + "speakers: { SPEAKER_00: " + HOST + ", SPEAKER_01: " + GUEST + " }\n");
        return dir;
    }

    private Episode loaded() throws Exception {
        writeInterview();
        TranscriptLibrary.Loaded l = new TranscriptLibrary().load(List.of(dir));
        assertThat(l.problems()).isEmpty();
        return l.episodes().get(0);
    }

    @Test
    void labelsDecideWhoIsTheHostWhateverTheModelSays() throws Exception {
        Episode e = loaded();
        HostModel model = HostModel.shipped();
        assertThat(model.hostSpeaker(e)).isEqualTo(HOST);
        int modelWrong = 0;
        for (int i = 0; i < e.sentences().size(); i++) if ((model.host(e, i) > HostModel.HOST) != HOST.equals(e.sentence(i).speaker())) modelWrong++;
        assertThat(modelWrong).as("the text alone misjudges some of these sentences").isPositive();
        for (int i = 0; i < e.sentences().size(); i++) {
            Sentence s = e.sentence(i);
            assertThat(model.isHost(e, i)).as("%s: %s", s.speaker(), s.text()).isEqualTo(HOST.equals(s.speaker()));
            assertThat(model.saidBy(e, i, i)).isEqualTo(s.speaker());
        }
    }

    @Test
    void withoutLabelsTheTurnDecoderDecides() throws Exception {
        Episode labeled = loaded();
        List<Sentence> bare = labeled.sentences().stream().map(s -> s.withSpeaker(null)).toList();
        Episode e = new Episode(labeled.id(), labeled.title(), null, labeled.duration(), null, bare, false, labeled.source(), "x");
        HostModel model = HostModel.shipped();
        assertThat(model.hostSpeaker(e)).isNull();
        float[] turns = model.turnProbabilities(e);
        for (int i = 0; i < e.sentences().size(); i++) {
            assertThat(model.isHost(e, i)).isEqualTo(turns[i] > HostModel.HOST);
            assertThat(model.saidBy(e, i, i)).isEqualTo(model.isHost(e, i) ? HostModel.THE_HOST : GUEST);
        }
    }

    @Test
    void unnamedLabelsAreTheHostOrTheGuestNotALabel() throws Exception {
        Episode named = loaded();
        // the same episode as WhisperX leaves it without a sidecar: SPEAKER_00/01, the host known only from show.yml
        List<Sentence> labels = named.sentences().stream().map(s -> s.withSpeaker(HOST.equals(s.speaker()) ? "SPEAKER_00" : "SPEAKER_01")).toList();
        Episode e = new Episode(named.id(), named.title(), null, named.duration(), null, labels, false, named.source(), "x", null,
                named.format(), List.of());
        HostModel model = HostModel.shipped();
        String host = model.hostSpeaker(e);
        for (int i = 0; i < e.sentences().size(); i++) {
            String by = model.saidBy(e, i, i);
            assertThat(by).doesNotStartWith("SPEAKER_");
            if (host != null) {
                // the model picked which label is the host: the whole turn follows it
                assertThat(by).isEqualTo(e.sentence(i).speaker().equals(host) ? HostModel.THE_HOST : GUEST);
            }
        }
        // a model that knows nothing cannot tell the labels apart: nobody is the host
        assertThat(HostModel.none().hostSpeaker(e)).isNull();
    }

    @Test
    void quotesAdviceAndAnswersNameWhoSaidThemAndNeverServeTheHostAsTheGuest() throws Exception {
        writeInterview();
        try (Engine engine = Engine.start(BotConfig.defaults().withEmbeddings(false).withTranscripts(List.of(dir)))) {
            ContentService content = engine.content();
            Episode e = content.corpus().episodes().get(0);
            assertThat(e.host()).isEqualTo(HOST);

            List<Quote> quotes = content.quotes("habits", 10);
            assertThat(quotes).isNotEmpty();
            for (Quote q : quotes) {
                assertThat(q.moment().speaker()).as(q.text()).isEqualTo(GUEST);
                assertThat(spoken(q.moment())).as(q.text()).containsOnly(GUEST);
            }

            assertThat(content.advicePool()).isNotEmpty();
            for (Quote q : content.advicePool()) assertThat(spoken(q.moment())).as(q.text()).containsOnly(GUEST);
            Quote advice = content.advice(LocalDate.of(2026, 12, 3)).orElseThrow();
            assertThat(advice.moment().speaker()).isEqualTo(GUEST);

            for (Answer a : content.answers("what habit would you recommend to a young person", 3)) {
                Sentence said = e.sentence(a.highlight().firstSentence());
                assertThat(a.highlight().speaker()).as(said.text()).isEqualTo(said.speaker());
            }

            // brought back by a button or a retried daily post, a quote names its speaker as the first reply did
            assertThat(content.moment(quotes.get(0).moment().key()).orElseThrow().speaker()).isEqualTo(GUEST);
            // an episode card's notable quotes are the guest's
            assertThat(content.episode("ada palmer").orElseThrow().quotes()).allSatisfy(q -> assertThat(spoken(q.moment())).containsOnly(GUEST));

            Quote first = quotes.get(0);
            assertThat(new TextRenderer().render(new Reply.QuoteReply("habits", first, 0, false))).contains("— " + GUEST + ", Test Podcast");
            assertThat(new JsonRenderer().render("habits", new Reply.QuoteReply("habits", first, 0, false))).contains("\"speaker\":\"" + GUEST + "\"");
        }
    }

    private static List<String> spoken(Moment m) {
        return m.episode().sentences().subList(m.firstSentence(), m.lastSentence() + 1).stream().map(Sentence::speaker).distinct().toList();
    }
}

package dev.quotecast.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EvalSetTest {

    @Test
    void readsThreeAndFourColumnFilesAndNoneRows() {
        EvalSet s = EvalSet.parse("t.tsv", List.of(
                "# header",
                "ask\tWho?\tPeter Abiel|first student",
                "ask\tCapital of Mongolia?\tNONE\t-",
                "quote\thabits\thabit\t-",
                "ask\tWhere?\tthe ground\tepisode-073.txt"));
        assertThat(s.rows()).hasSize(4);
        assertThat(s.rows().get(0).expected()).containsExactly("Peter Abiel", "first student");
        assertThat(s.rows().get(0).episodeFile()).isNull();
        assertThat(s.rows().get(1).expectsNone()).isTrue();
        assertThat(s.rows().get(2).kind()).isEqualTo(EvalSet.Kind.QUOTE);
        assertThat(s.rows().get(3).episodeFile()).isEqualTo("episode-073.txt");
        assertThat(s.rows().get(3).line()).isEqualTo(5);
    }

    @Test
    void badRowsNameTheirLine() {
        assertThatThrownBy(() -> EvalSet.parse("t.tsv", List.of("#", "ask only two")))
                .hasMessageContaining("t.tsv:2");
        assertThatThrownBy(() -> EvalSet.parse("t.tsv", List.of("say\tx\ty")))
                .hasMessageContaining("unknown kind");
    }

    @Test
    void matchingIgnoresCaseAndWhitespace() {
        assertThat(EvalSet.matches("He said:  Peter\nABIEL  was first", List.of("peter abiel"))).isTrue();
        assertThat(EvalSet.matches("Peter Abel", List.of("peter abiel"))).isFalse();
    }

    /** A responder with fixed replies, to check the scoring rule itself. */
    private record Fixed(Map<String, List<String>> answers, Map<String, String> quotes) implements Responder {
        public String name() {
            return "fixed";
        }

        public List<Passage> answers(String q, int n) {
            return answers.getOrDefault(q, List.of()).stream().limit(n).map(t -> new Passage("e", t)).toList();
        }

        public Optional<Passage> quote(String t) {
            return Optional.ofNullable(quotes.get(t)).map(x -> new Passage("e", x));
        }
    }

    @Test
    void scoresHitsAtOneAndThreeNoneRowsAndQuotes() {
        EvalSet s = EvalSet.parse("t.tsv", List.of(
                "ask\ta\tright",
                "ask\tb\tright",
                "ask\tc\tright",
                "ask\td\tNONE",
                "ask\te\tNONE",
                "quote\tf\tfff",
                "quote\tg\tggg"));
        Fixed r = new Fixed(Map.of(
                "a", List.of("the right one"),
                "b", List.of("wrong", "also wrong", "RIGHT at three"),
                "e", List.of("an answer where none exists")),
                Map.of("f", "a fff quote", "g", "nothing"));
        Evaluation.Score sc = Evaluation.run(s, r);
        assertThat(sc.askRows()).isEqualTo(3);
        assertThat(sc.askHit1()).isEqualTo(1);
        assertThat(sc.askHit3()).isEqualTo(2);
        assertThat(sc.noneRows()).isEqualTo(2);
        assertThat(sc.noneHandled()).isEqualTo(1);
        assertThat(sc.askTotalHits()).isEqualTo(2);
        assertThat(sc.quoteHits()).isEqualTo(1);
        assertThat(sc.misses()).extracting(Evaluation.Miss::outcome)
                .containsExactly("right answer at rank 2-3", "said not found", "answered a NONE row", "wrong quote");
        // candidates default to the answers: "b" has the right one third, "c" nowhere
        assertThat(sc.misses()).extracting(Evaluation.Miss::candidateRank).containsExactly(3, 0, -1, -1);
        assertThat(sc.inTop10()).isEqualTo(2);
        assertThat(sc.inCandidates()).isEqualTo(2);
    }
}

package dev.quotecast.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Question vectors remembered by text up to what the tokenizer ignores, and never shared mutable. */
class CachedQueriesTest {

    @Test
    void normalisesOnlyWhatTheTokenizerIgnores() {
        assertThat(CachedQueries.normalised("  How  DID he\tdeal\n with it? ")).isEqualTo("how did he deal with it?");
        assertThat(CachedQueries.normalised("Ünïcode STAYS Ü")).as("only ASCII letters are lower-cased").isEqualTo("Ünïcode stays Ü");
        assertThat(CachedQueries.normalised("")).isEmpty();
        assertThat(CachedQueries.normalised(" \t ")).isEmpty();
        assertThat(CachedQueries.normalised("a-b,c")).isEqualTo("a-b,c");
    }

    @Test
    void asksTheModelOncePerNormalisedQuestion() {
        Counting model = new Counting();
        CachedQueries cached = new CachedQueries(model, 100);
        float[] first = cached.query("How did he deal with failure?");
        float[] again = cached.query("  how did HE deal  with failure? ");
        assertThat(model.queries).containsExactly("How did he deal with failure?");
        assertThat(again).containsExactly(first);
        cached.query("another question");
        assertThat(model.queries).hasSize(2);
    }

    @Test
    void callersGetCopies() {
        CachedQueries cached = new CachedQueries(new Counting(), 100);
        cached.query("q")[0] = 42f;
        assertThat(cached.query("q")[0]).isEqualTo(1f);
    }

    @Test
    void passagesAndNamePassThrough() {
        Counting model = new Counting();
        CachedQueries cached = new CachedQueries(model, 100);
        assertThat(cached.name()).isEqualTo("counting");
        cached.passages(List.of("a", "b"));
        cached.passages(List.of("a", "b"));
        assertThat(model.passages).isEqualTo(4);
    }

    static final class Counting implements Embedder {
        final List<String> queries = new ArrayList<>();
        int passages;

        @Override
        public String name() {
            return "counting";
        }

        @Override
        public List<float[]> passages(List<String> texts) {
            passages += texts.size();
            return texts.stream().map(t -> new float[] {1f, 0f}).toList();
        }

        @Override
        public float[] query(String text) {
            queries.add(text);
            return new float[] {1f, 0f};
        }
    }
}

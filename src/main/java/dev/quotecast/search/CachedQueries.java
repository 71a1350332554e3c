package dev.quotecast.search;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.List;

/**
 * An {@link Embedder} that remembers the vectors of recent questions. A question's vector is the
 * dearest part of a warm {@code ask} beside the keyword search (milliseconds of model time against
 * a fraction of one), and the same question comes back: retried, asked by someone else, paged
 * with "more", or asked again after the reply cache dropped everything because new episodes were
 * embedded. The key is the text up to what the model's own tokenizer ignores (surrounding and
 * repeated whitespace, ASCII case: the bge tokenizer lower-cases), so a hit returns exactly the
 * vector the model would have made. Passages are not cached: each is embedded once and stored.
 */
public final class CachedQueries implements Embedder {

    private final Embedder model;
    private final Cache<String, float[]> queries;

    /**
     * @param model the embedder asked on a miss
     * @param maxEntries questions remembered (a vector is 1.5 KB)
     */
    public CachedQueries(Embedder model, long maxEntries) {
        this.model = model;
        this.queries = Caffeine.newBuilder().maximumSize(maxEntries).build();
    }

    /** The text as the cache keys it: trimmed, whitespace runs as one space, ASCII letters lower-cased. */
    public static String normalised(String text) {
        StringBuilder b = new StringBuilder(text.length());
        boolean space = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                space = b.length() > 0;
                continue;
            }
            if (space) b.append(' ');
            space = false;
            b.append(c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c);
        }
        return b.toString();
    }

    @Override
    public String name() {
        return model.name();
    }

    @Override
    public List<float[]> passages(List<String> texts) {
        return model.passages(texts);
    }

    @Override
    public List<float[]> pieces(String text) {
        return model.pieces(text);
    }

    @Override
    public List<List<float[]>> pieces(List<String> texts) {
        return model.pieces(texts);
    }

    /** A copy of the cached vector, so that no caller can change what the next one gets. */
    @Override
    public float[] query(String text) {
        return queries.get(normalised(text), k -> model.query(text)).clone();
    }
}

package dev.quotecast.content;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quotecast.transcript.Episode;
import dev.quotecast.transcript.Text;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How likely each advice candidate of each episode is advice, judged with its meaning (its
 * embedding, which costs a model call per sentence): computed in the background after the
 * passages are embedded, and kept beside the index so that a restart judges only new or changed
 * episodes. Keyed by episode checksum and by the model that scored them: another model, or an
 * edited transcript, scores again.
 */
public final class AdviceScores {

    private static final Logger log = LoggerFactory.getLogger(AdviceScores.class);

    /** One candidate's span and probability. */
    public record Scored(int first, int last, float probability) {}

    private record EpisodeScores(String checksum, List<Scored> spans) {}

    private final Path file;
    private final String model;
    private final Map<String, EpisodeScores> byEpisode = new ConcurrentHashMap<>();

    /**
     * @param file where they persist (null: memory only)
     * @param model the scoring model's identity; scores of another are ignored
     */
    public AdviceScores(Path file, String model) {
        this.file = file;
        this.model = model;
        load();
    }

    /** The scores of this version of the episode, if it was scored. */
    public Optional<List<Scored>> of(Episode e) {
        EpisodeScores s = byEpisode.get(e.id());
        return s != null && s.checksum().equals(e.checksum()) ? Optional.of(s.spans()) : Optional.empty();
    }

    /** The episodes not scored in their present version. */
    public List<Episode> missing(Collection<Episode> episodes) {
        List<Episode> out = new ArrayList<>();
        for (Episode e : episodes) if (of(e).isEmpty()) out.add(e);
        return out;
    }

    public void put(Episode e, List<Scored> spans) {
        byEpisode.put(e.id(), new EpisodeScores(e.checksum(), List.copyOf(spans)));
    }

    /**
     * Drops the scores of episodes no longer served, but those of {@code kept} (held for a folder or
     * file that could not be read: the index keeps them too), and writes the rest (atomically).
     */
    public synchronized void save(Collection<Episode> served, java.util.Set<String> kept) {
        java.util.Set<String> ids = new java.util.HashSet<>(kept);
        for (Episode e : served) ids.add(e.id());
        byEpisode.keySet().retainAll(ids);
        if (file == null) return;
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = json.createObjectNode();
        root.put("model", model);
        ObjectNode eps = root.putObject("episodes");
        for (Map.Entry<String, EpisodeScores> e : new java.util.TreeMap<>(byEpisode).entrySet()) {
            ObjectNode ep = eps.putObject(e.getKey());
            ep.put("checksum", e.getValue().checksum());
            ArrayNode spans = ep.putArray("spans");
            for (Scored s : e.getValue().spans()) spans.addArray().add(s.first()).add(s.last()).add(s.probability());
        }
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.write(tmp, json.writeValueAsBytes(root));
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException ex) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException ex) {
            log.warn("cannot keep the advice scores in {} ({}); they are scored again after a restart", Text.escape(file.toString()), ex.toString());
        }
    }

    private void load() {
        if (file == null || !Files.isRegularFile(file)) return;
        try {
            JsonNode root = new ObjectMapper().readTree(file.toFile());
            if (!model.equals(root.path("model").asText())) return; // another model: score again
            root.path("episodes").fields().forEachRemaining(e -> {
                List<Scored> spans = new ArrayList<>();
                for (JsonNode s : e.getValue().path("spans")) spans.add(new Scored(s.get(0).asInt(), s.get(1).asInt(), (float) s.get(2).asDouble()));
                byEpisode.put(e.getKey(), new EpisodeScores(e.getValue().path("checksum").asText(), spans));
            });
        } catch (IOException | RuntimeException ex) {
            log.warn("advice scores in {} cannot be read ({}); scoring again", Text.escape(file.toString()), ex.toString());
            byEpisode.clear();
        }
    }
}

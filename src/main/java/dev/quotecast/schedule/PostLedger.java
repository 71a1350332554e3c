package dev.quotecast.schedule;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The durable memory of daily posts: for each target and local date whether its post was claimed,
 * sent, failed or skipped; when each config target was first seen; and which quotes each channel
 * has already received. Not thread-safe: the scheduler owns it under its lock.
 */
final class PostLedger {

    static final int VERSION = 1;
    /** Dates kept per target: enough to see the last week in the file, small enough to stay tiny. */
    static final int KEEP_DAYS = 8;
    /** Quote keys kept per channel: far more than a topic has (Commands.QUOTE_PAGES). */
    static final int KEEP_POSTED = 2_000;

    /**
     * Where one (target, date) stands.
     * <ul>
     *   <li>{@code CLAIMED}: an attempt is being sent. Seen after a restart it means the outcome is
     *   unknown, and the post is not sent again.</li>
     *   <li>{@code RETRY}: the platform refused with a retryable error; try again at {@code retryAt}.</li>
     *   <li>{@code DONE}, {@code FAILED}, {@code SKIPPED}, {@code UNKNOWN}: final.</li>
     * </ul>
     */
    enum Status { CLAIMED, RETRY, DONE, FAILED, SKIPPED, UNKNOWN }

    record Entry(Status status, int attempts, Instant updated, Instant retryAt, String momentKey, String detail) {
        boolean isFinal() {
            return status != Status.CLAIMED && status != Status.RETRY;
        }
    }

    /**
     * When this ledger began. Nothing due earlier is owed: a ledger started fresh (first run, or
     * after a damaged file was set aside) cannot know what was sent before, so it catches nothing
     * up from then rather than risk a second post. Null until the scheduler stamps a fresh ledger.
     */
    private Instant started;
    private final Map<String, Instant> knownSince = new HashMap<>();
    private final Map<String, TreeMap<LocalDate, Entry>> posts = new HashMap<>();
    private final Map<String, LinkedHashSet<String>> posted = new HashMap<>();

    Optional<Entry> get(String targetId, LocalDate date) {
        TreeMap<LocalDate, Entry> m = posts.get(targetId);
        return m == null ? Optional.empty() : Optional.ofNullable(m.get(date));
    }

    /** The entries of a target from {@code from} on, oldest first. */
    java.util.SortedMap<LocalDate, Entry> entries(String targetId, LocalDate from) {
        TreeMap<LocalDate, Entry> m = posts.get(targetId);
        return m == null ? new TreeMap<>() : m.tailMap(from, true);
    }

    void put(String targetId, LocalDate date, Entry e) {
        TreeMap<LocalDate, Entry> m = posts.computeIfAbsent(targetId, k -> new TreeMap<>());
        m.put(date, e);
        while (m.size() > KEEP_DAYS) m.pollFirstEntry();
    }

    /** Removes an entry that was never made durable (the claim could not be written). */
    void remove(String targetId, LocalDate date) {
        TreeMap<LocalDate, Entry> m = posts.get(targetId);
        if (m != null) m.remove(date);
    }

    /**
     * Forgets targets that are gone: config ids no longer configured lose their first-seen time (if
     * they come back they are new), and any target's dates older than {@code before} are dropped.
     * Recent dates of removed targets stay, so removing and re-adding a schedule cannot post twice.
     */
    void prune(Set<String> configIds, LocalDate before) {
        knownSince.keySet().removeIf(id -> id.startsWith("config:") && !configIds.contains(id));
        posts.values().forEach(m -> m.headMap(before).clear());
        posts.values().removeIf(Map::isEmpty);
    }

    /** Stamps a fresh ledger with its start; keeps the start of an existing one. */
    Instant started(Instant now) {
        if (started == null) started = now;
        return started;
    }

    /** When a config target was first seen; recorded now if it is new. */
    Instant knownSince(String targetId, Instant now) {
        return knownSince.computeIfAbsent(targetId, k -> now);
    }

    Set<String> posted(String channelKey) {
        return posted.computeIfAbsent(channelKey, k -> new LinkedHashSet<>());
    }

    void markPosted(String channelKey, String momentKey) {
        Set<String> s = posted(channelKey);
        s.add(momentKey);
        Iterator<String> it = s.iterator();
        while (s.size() > KEEP_POSTED && it.hasNext()) {
            it.next();
            it.remove();
        }
    }

    /** Reads and writes the ledger as JSON, validating every field so a damaged file is caught whole. */
    static final class Codec implements StateFile.Codec<PostLedger> {
        private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

        @Override
        public PostLedger fresh() {
            return new PostLedger();
        }

        @Override
        public PostLedger read(byte[] bytes) throws IOException {
            JsonNode root = json.readTree(bytes);
            if (root == null || !root.isObject()) throw new IOException("not a JSON object");
            if (root.path("version").asInt(-1) != VERSION) throw new IOException("unknown version " + root.path("version"));
            PostLedger l = new PostLedger();
            l.started = root.hasNonNull("started") ? Instant.parse(text(root.get("started"))) : Instant.EPOCH;
            for (Map.Entry<String, JsonNode> e : fields(root, "knownSince")) l.knownSince.put(e.getKey(), Instant.parse(text(e.getValue())));
            for (Map.Entry<String, JsonNode> t : fields(root, "posts")) {
                if (!t.getValue().isObject()) throw new IOException("posts." + t.getKey() + " is not an object");
                Iterator<Map.Entry<String, JsonNode>> dates = t.getValue().fields();
                while (dates.hasNext()) {
                    Map.Entry<String, JsonNode> d = dates.next();
                    JsonNode n = d.getValue();
                    Entry entry = new Entry(Status.valueOf(text(n.get("status"))), n.path("attempts").asInt(0),
                            Instant.parse(text(n.get("updated"))), n.hasNonNull("retryAt") ? Instant.parse(text(n.get("retryAt"))) : null,
                            n.hasNonNull("moment") ? text(n.get("moment")) : null, n.path("detail").asText(""));
                    l.put(t.getKey(), LocalDate.parse(d.getKey()), entry);
                }
            }
            for (Map.Entry<String, JsonNode> c : fields(root, "posted")) {
                if (!c.getValue().isArray()) throw new IOException("posted." + c.getKey() + " is not a list");
                for (JsonNode k : c.getValue()) l.posted(c.getKey()).add(text(k));
            }
            return l;
        }

        @Override
        public byte[] write(PostLedger l) throws IOException {
            ObjectNode root = json.createObjectNode();
            root.put("version", VERSION);
            if (l.started != null) root.put("started", l.started.toString());
            ObjectNode known = root.putObject("knownSince");
            new TreeMap<>(l.knownSince).forEach((k, v) -> known.put(k, v.toString()));
            ObjectNode posts = root.putObject("posts");
            new TreeMap<>(l.posts).forEach((id, dates) -> {
                ObjectNode t = posts.putObject(id);
                dates.forEach((date, e) -> {
                    ObjectNode n = t.putObject(date.toString());
                    n.put("status", e.status().name());
                    n.put("attempts", e.attempts());
                    n.put("updated", e.updated().toString());
                    if (e.retryAt() != null) n.put("retryAt", e.retryAt().toString());
                    if (e.momentKey() != null) n.put("moment", e.momentKey());
                    if (e.detail() != null && !e.detail().isEmpty()) n.put("detail", e.detail());
                });
            });
            ObjectNode posted = root.putObject("posted");
            new TreeMap<>(l.posted).forEach((ch, keys) -> {
                ArrayNode a = posted.putArray(ch);
                keys.forEach(a::add);
            });
            return json.writeValueAsBytes(root);
        }

        private static Iterable<Map.Entry<String, JsonNode>> fields(JsonNode root, String name) throws IOException {
            JsonNode n = root.get(name);
            if (n == null || n.isNull()) return java.util.List.of();
            if (!n.isObject()) throw new IOException(name + " is not an object");
            return n::fields;
        }

        private static String text(JsonNode n) throws IOException {
            if (n == null || !n.isTextual()) throw new IOException("expected text, found " + n);
            return n.asText();
        }
    }
}

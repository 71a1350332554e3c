package dev.quotecast.ops;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.quotecast.ChatPlatform;
import dev.quotecast.content.ContentService;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * {@code /healthz}: ready (200) when the index holds episodes, every configured chat platform is
 * connected, and the bot is not shutting down; otherwise 503. Both answers are JSON naming each
 * part, so whoever is paged sees at once what is not ready. With shared state, the database is
 * reported under {@code state} ({@code "database": "ok"}, or why not); see {@link StateHealth} for
 * why it does not make the bot unready.
 */
public final class Health implements HttpHandler {

    /**
     * What the endpoint reports.
     *
     * @param notReady one short reason per part that is not ready; empty when ready
     */
    public record Status(boolean ready, int episodes, long passages, Map<String, Boolean> platforms, List<String> notReady,
                         StateHealth state, Map<String, String> parts) {

        public Status(boolean ready, int episodes, long passages, Map<String, Boolean> platforms, List<String> notReady) {
            this(ready, episodes, passages, platforms, notReady, StateHealth.ok("files"), Map.of());
        }

        public String status() {
            return ready ? "ok" : "unavailable";
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Supplier<ContentService> content;
    private final Supplier<? extends Collection<? extends ChatPlatform>> platforms;
    private final BooleanSupplier stopping;
    private final Supplier<List<String>> degraded;
    private final Supplier<StateHealth> state;
    private final Supplier<Map<String, String>> parts;

    public Health(Supplier<ContentService> content, Supplier<? extends Collection<? extends ChatPlatform>> platforms,
                  BooleanSupplier stopping) {
        this(content, platforms, stopping, List::of);
    }

    public Health(Supplier<ContentService> content, Supplier<? extends Collection<? extends ChatPlatform>> platforms,
                  BooleanSupplier stopping, Supplier<List<String>> degraded) {
        this(content, platforms, stopping, degraded, () -> StateHealth.ok("files"), Map::of);
    }

    /**
     * @param content the content being served; null while the index is still loading
     * @param platforms the configured chat platforms (may be empty)
     * @param stopping true once shutdown began
     * @param degraded why what is served may be stale (a transcript reload that keeps failing, a
     *     file gone bad whose episode is served as it was);
     *     any reason makes the bot not ready: serving yesterday's text while looking healthy is
     *     the failure an operator most needs to see
     * @param state the state store: a database that cannot be reached is reported (under
     *     {@code state}), and leaves the bot ready ({@link StateHealth})
     * @param parts more detail per part, shown as they are (Discord's shards: {@code "discord.shard.0": "CONNECTED"})
     */
    public Health(Supplier<ContentService> content, Supplier<? extends Collection<? extends ChatPlatform>> platforms,
                  BooleanSupplier stopping, Supplier<List<String>> degraded, Supplier<StateHealth> state, Supplier<Map<String, String>> parts) {
        this.content = content;
        this.platforms = platforms;
        this.stopping = stopping;
        this.degraded = degraded;
        this.state = state;
        this.parts = parts;
    }

    public Status status() {
        List<String> notReady = new ArrayList<>();
        if (stopping.getAsBoolean()) notReady.add("shutting down");
        ContentService c = content.get();
        int episodes = 0;
        long passages = 0;
        if (c == null) {
            notReady.add("index: loading");
        } else {
            try {
                episodes = c.corpus().size();
                passages = c.passageCount();
            } catch (RuntimeException e) {
                notReady.add("index: unreadable (" + e.getClass().getSimpleName() + ")");
            }
            if (episodes == 0 && notReady.isEmpty()) notReady.add("index: no episodes loaded (check the transcripts folder)");
        }
        notReady.addAll(degraded.get());
        Map<String, Boolean> states = new LinkedHashMap<>();
        for (ChatPlatform p : platforms.get()) {
            boolean up;
            try {
                up = p.connected();
            } catch (RuntimeException e) {
                up = false;
            }
            states.put(p.name(), up);
            if (!up) notReady.add(p.name() + ": not connected");
        }
        StateHealth st;
        try {
            st = state.get();
        } catch (RuntimeException e) {
            st = new StateHealth("unknown", java.util.Optional.of("state: " + e.getClass().getSimpleName()));
        }
        Map<String, String> detail;
        try {
            detail = parts.get();
        } catch (RuntimeException e) {
            detail = Map.of();
        }
        return new Status(notReady.isEmpty(), episodes, passages, states, List.copyOf(notReady), st, detail);
    }

    @Override
    public void handle(HttpExchange ex) throws IOException {
        try (ex) {
            if (!ex.getRequestURI().getPath().equals(ex.getHttpContext().getPath())) {
                ex.sendResponseHeaders(404, -1);
                return;
            }
            Status s = status();
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("status", s.status());
            body.put("episodes", s.episodes());
            body.put("passages", s.passages());
            body.put("platforms", s.platforms());
            if (!s.parts().isEmpty()) body.put("parts", new java.util.TreeMap<>(s.parts()));
            Map<String, Object> st = new LinkedHashMap<>();
            st.put("store", s.state().store());
            if (!s.state().store().equals("files")) st.put("database", s.state().up() ? "ok" : s.state().problem().orElse("unavailable"));
            body.put("state", st);
            if (!s.ready()) body.put("notReady", s.notReady());
            byte[] bytes = JSON.writeValueAsBytes(body);
            ex.getResponseHeaders().set("Content-Type", "application/json");
            ex.getResponseHeaders().set("Cache-Control", "no-store");
            boolean head = ex.getRequestMethod().equals("HEAD");
            ex.sendResponseHeaders(s.ready() ? 200 : 503, head ? -1 : bytes.length);
            if (!head) {
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(bytes);
                }
            }
        }
    }
}

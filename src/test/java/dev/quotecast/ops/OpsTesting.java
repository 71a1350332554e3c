package dev.quotecast.ops;

import dev.quotecast.ChatPlatform;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Helpers for the ops tests: a loopback HTTP client, condition waits, and a platform whose
 * connection the test controls. The HTTP client is public: the fault and reliability tests ask the
 * same endpoints.
 */
public final class OpsTesting {
    private OpsTesting() {}

    static final Path SEED = Path.of("transcripts", "lex-fridman-073-andrew-ng.txt");

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .proxy(HttpClient.Builder.NO_PROXY).connectTimeout(Duration.ofSeconds(2)).build();

    /** GET {@code path} on the loopback port, bypassing any proxy, with short timeouts so a hung server fails the test. */
    public static HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(5)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Polls until the condition holds; fails the test after {@code timeout}. */
    static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) throw new AssertionError("timed out after " + timeout.toMillis() + " ms waiting for: " + what);
            Thread.sleep(25);
        }
    }

    /** A chat platform whose connection state the test sets; records start and close. */
    static final class ControlledPlatform implements ChatPlatform {
        private final String name;
        volatile boolean connected;
        volatile boolean started;
        volatile boolean closed;

        ControlledPlatform(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public void start() {
            started = true;
        }

        @Override
        public boolean connected() {
            return connected && !closed;
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}

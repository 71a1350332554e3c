package dev.quotecast.bench;

/** The outcome of the Slack HTTP end-to-end step: figures, or why there are none. */
public sealed interface EndToEnd {

    /**
     * @param clients concurrent client threads
     * @param seconds how long they sent
     * @param requests completed requests (answered or failed)
     * @param errors requests that failed: not HTTP 200, no usable answer, or an I/O error
     */
    record Measured(int clients, double seconds, int requests, int errors, Latencies.Summary latency) implements EndToEnd {}

    record Skipped(String reason) implements EndToEnd {}
}

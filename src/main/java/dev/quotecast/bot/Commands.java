package dev.quotecast.bot;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import dev.quotecast.content.ContentService;
import dev.quotecast.content.Quote;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shared command handlers: every platform calls {@link #handle} and renders the {@link Reply}
 * it gets. Hot queries are answered from a Caffeine cache keyed by the normalised command, so the
 * same question gives the same answer on every platform; the cache is cleared on re-index.
 */
public final class Commands {

    private static final Logger log = LoggerFactory.getLogger(Commands.class);

    /** How many distinct quotes a topic pages through with "Another". */
    public static final int QUOTE_PAGES = 25;

    /** One handled command, for logs and metrics. */
    public record Event(String platform, String command, String outcome, long nanos, boolean cacheHit, int results) {}

    private final ContentService content;
    private final RateLimiter limiter;
    private final Clock clock;
    private final ZoneId zone;
    private final Cache<String, Reply> cache;
    private final Cache<String, List<Quote>> quoteLists;
    private final DailyHandler daily;
    private final List<Consumer<Event>> listeners = new CopyOnWriteArrayList<>();
    private final WorkGate gate = new WorkGate();
    /**
     * Bumped by {@link #invalidate()} and part of every cache key: a reply computed from the old
     * corpus but stored after a re-index lands under a stale key that is never read again.
     */
    private final AtomicLong generation = new AtomicLong();

    public Commands(ContentService content, RateLimiter limiter, Clock clock, ZoneId zone,
                    long cacheEntries, Duration cacheTtl, DailyHandler daily) {
        this.content = content;
        this.limiter = limiter;
        this.clock = clock;
        this.zone = zone;
        this.daily = daily;
        this.cache = Caffeine.newBuilder().maximumSize(cacheEntries).expireAfterWrite(cacheTtl).recordStats().build();
        this.quoteLists = Caffeine.newBuilder().maximumSize(Math.max(16, cacheEntries / 10)).expireAfterWrite(cacheTtl).build();
    }

    public void addListener(Consumer<Event> listener) {
        listeners.add(listener);
    }

    public ContentService content() {
        return content;
    }

    /** Admission of commands: closed on shutdown, so new work is refused and work in flight can finish. */
    public WorkGate gate() {
        return gate;
    }

    /** Today's date where advice of the day turns over. */
    public LocalDate today() {
        return LocalDate.now(clock.withZone(zone));
    }

    public Reply handle(Request request) {
        long start = System.nanoTime();
        Command c = request.command();
        if (!gate.enter()) {
            Reply refused = new Reply.Error(c.name(), Reply.Error.Kind.INTERNAL, "I'm restarting. Please try again in a minute.");
            Event ev = new Event(request.platform(), c.name(), "shutting_down", System.nanoTime() - start, false, 0);
            log.info("command platform={} command={} outcome={} (refused: shutting down)", ev.platform(), ev.command(), ev.outcome());
            for (Consumer<Event> l : listeners) l.accept(ev);
            return refused;
        }
        try {
            return admitted(request, c, start);
        } finally {
            gate.exit();
        }
    }

    private Reply admitted(Request request, Command c, long start) {
        boolean hit = false;
        Reply reply;
        try {
            if (request.user() != null && !limiter.tryAcquire(request.platform() + ":" + request.user())) {
                reply = new Reply.Error(c.name(), Reply.Error.Kind.RATE_LIMITED,
                        "Easy there! You've asked a lot in the last minute. Try again in "
                                + Math.max(1, limiter.secondsUntilNext(request.platform() + ":" + request.user())) + " s.");
            } else {
                String key = cacheKey(c);
                Reply cached = key == null ? null : cache.getIfPresent(key);
                if (cached != null) {
                    hit = true;
                    reply = cached;
                } else {
                    reply = compute(request, c);
                    if (key != null && !(reply instanceof Reply.Error)) cache.put(key, reply);
                }
            }
        } catch (RuntimeException e) {
            log.error("command {} failed", c.name(), e);
            reply = new Reply.Error(c.name(), Reply.Error.Kind.INTERNAL, "Something went wrong on my side. Please try again.");
        }
        Event ev = new Event(request.platform(), c.name(), outcome(reply), System.nanoTime() - start, hit, results(reply));
        if (log.isInfoEnabled()) {
            log.info("command platform={} command={} outcome={} latencyMs={} cache={} results={}", ev.platform(), ev.command(),
                    ev.outcome(), String.format("%.2f", ev.nanos() / 1e6), hit ? "hit" : "miss", ev.results());
        }
        if (log.isDebugEnabled()) log.debug("command text: {}", c);
        for (Consumer<Event> l : listeners) l.accept(ev);
        return reply;
    }

    private String cacheKey(Command c) {
        long g = generation.get();
        if (c instanceof Command.Advice a && !a.random()) return g + ":advice:" + (a.date() == null ? today() : a.date());
        String key = c.cacheKey();
        return key == null ? null : g + ":" + key;
    }

    private Reply compute(Request request, Command c) {
        if (c instanceof Command.Quote q) return quote(q);
        if (c instanceof Command.Advice a) return advice(a);
        if (c instanceof Command.Ask a) {
            return content.answer(a.question())
                    .<Reply>map(ans -> new Reply.AnswerReply(a.question(), ans))
                    .orElseGet(() -> new Reply.NotFound("ask", a.question(),
                            "The transcripts don't answer that. Try asking about something discussed in an episode."));
        }
        if (c instanceof Command.Episode e) {
            return content.episode(e.query())
                    .<Reply>map(card -> new Reply.EpisodeReply(e.query(), card))
                    .orElseGet(() -> new Reply.NotFound("episode", e.query(), "No episode matches that. Try a number, like `episode 73`, or a guest's name."));
        }
        if (c instanceof Command.Context ctx) {
            return content.moment(ctx.momentKey())
                    .<Reply>map(m -> new Reply.ContextReply(m, m.widen(3)))
                    .orElseGet(() -> new Reply.NotFound("context", ctx.momentKey(), "That moment is no longer in the transcripts."));
        }
        if (c instanceof Command.Help) return help();
        if (c instanceof Command.Daily d) return daily.handle(request, d);
        if (c instanceof Command.Invalid i) return new Reply.Error("invalid", Reply.Error.Kind.BAD_REQUEST, i.reason());
        if (c instanceof Command.TooLong t) {
            return new Reply.Error("too-long", Reply.Error.Kind.TOO_LONG,
                    "That's too long for me: keep it under " + t.limit() + " characters.");
        }
        throw new IllegalStateException("unhandled command " + c);
    }

    private Reply quote(Command.Quote q) {
        List<Quote> all = quotes(q.topic());
        if (all.isEmpty()) {
            return new Reply.NotFound("quote", q.topic(), "I found no quote about that. Try another word, or `advice` for today's advice.");
        }
        if (q.page() >= all.size()) {
            return new Reply.NotFound("quote", q.topic(), "No more quotes on that: you've seen every one I have on this topic.");
        }
        return new Reply.QuoteReply(q.topic(), all.get(q.page()), q.page(), q.page() + 1 < all.size());
    }

    /** All distinct quotes for a topic, computed once per topic and paged from the cache. */
    public List<Quote> quotes(String topic) {
        return quoteLists.get(generation.get() + ":" + CommandParser.normalise(topic), k -> content.quotes(topic, QUOTE_PAGES));
    }

    private Reply advice(Command.Advice a) {
        LocalDate date = a.date() == null ? today() : a.date();
        Optional<Quote> quote = a.random() ? content.randomAdvice() : content.advice(date);
        return quote.<Reply>map(x -> new Reply.AdviceReply(date, x, a.random()))
                .orElseGet(() -> new Reply.NotFound("advice", "", "No advice in the transcripts yet."));
    }

    public static Reply.Help help() {
        return new Reply.Help(List.of(
                new Reply.Help.Usage("quote TOPIC", "the best quote about TOPIC, with episode, time and a link (just the topic works too)"),
                new Reply.Help.Usage("advice", "the advice of the day, the same for everyone; `advice another` for a random one"),
                new Reply.Help.Usage("episode 73", "an episode card: guest, date, length, summary, topics and quotes (a number or words)"),
                new Reply.Help.Usage("ask QUESTION?", "an answer from the transcripts with its citation (any sentence ending in ?)"),
                new Reply.Help.Usage("daily 09:00 Europe/Berlin [advice|quote:TOPIC]", "post daily in this channel; `daily list`, `daily off`"),
                new Reply.Help.Usage("help", "this list")));
    }

    /** Drops every cached reply: called after a re-index. */
    public void invalidate() {
        generation.incrementAndGet();
        cache.invalidateAll();
        quoteLists.invalidateAll();
    }

    public CacheStats cacheStats() {
        return cache.stats();
    }

    public long cacheSize() {
        return cache.estimatedSize();
    }

    static String outcome(Reply r) {
        if (r instanceof Reply.Error e) return e.kind().name().toLowerCase();
        if (r instanceof Reply.NotFound) return "not_found";
        return "ok";
    }

    static int results(Reply r) {
        if (r instanceof Reply.NotFound || r instanceof Reply.Error || r instanceof Reply.Help || r instanceof Reply.Info) return 0;
        return 1;
    }
}

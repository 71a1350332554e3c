package dev.quotecast.schedule;

import dev.quotecast.bot.Reply;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A {@link Poster} (our own port, not a library) that records what reaches it; a channel can be
 * told to refuse, or to "crash the process" before or after the post goes out.
 */
final class RecordingPoster implements Poster {

    /** One post that reached the platform. */
    record Sent(String channel, Reply reply) {}

    /** How a channel behaves on the next attempts. */
    enum Behaviour { OK, RETRYABLE, FATAL, CRASH_BEFORE_SEND, CRASH_AFTER_SEND, BUG }

    /** Stands in for the process dying: an Error, which the scheduler does not catch. */
    static final class SimulatedCrash extends Error {
        SimulatedCrash(String where) {
            super("simulated crash " + where);
        }
    }

    private final String platform;
    final List<Sent> sent = new CopyOnWriteArrayList<>();
    final List<String> attempts = new CopyOnWriteArrayList<>();
    private final Map<String, List<Behaviour>> script = new ConcurrentHashMap<>();

    RecordingPoster(String platform) {
        this.platform = platform;
    }

    /** The next attempts on {@code channel} behave like this, in order; after that, OK. */
    RecordingPoster script(String channel, Behaviour... next) {
        script.computeIfAbsent(channel, k -> new CopyOnWriteArrayList<>()).addAll(List.of(next));
        return this;
    }

    /** Every attempt on {@code channel} behaves like this. */
    RecordingPoster always(String channel, Behaviour b) {
        List<Behaviour> many = new ArrayList<>();
        for (int i = 0; i < 1000; i++) many.add(b);
        script.put(channel, new CopyOnWriteArrayList<>(many));
        return this;
    }

    List<Sent> sentTo(String channel) {
        return sent.stream().filter(s -> s.channel().equals(channel)).toList();
    }

    @Override
    public String platform() {
        return platform;
    }

    @Override
    public void post(String channel, Reply reply) throws PostException {
        attempts.add(channel);
        List<Behaviour> s = script.get(channel);
        Behaviour b = s == null || s.isEmpty() ? Behaviour.OK : s.remove(0);
        switch (b) {
            case RETRYABLE -> throw new PostException("ratelimited", true, null);
            case FATAL -> throw new PostException("channel_not_found", false, null);
            case BUG -> throw new IllegalStateException("adapter bug");
            case CRASH_BEFORE_SEND -> throw new SimulatedCrash("before the post left");
            case CRASH_AFTER_SEND -> {
                sent.add(new Sent(channel, reply));
                throw new SimulatedCrash("after the post left, before it was recorded");
            }
            case OK -> sent.add(new Sent(channel, reply));
        }
    }
}

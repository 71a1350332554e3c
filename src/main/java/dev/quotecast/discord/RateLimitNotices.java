package dev.quotecast.discord;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;

/**
 * Remembers whom the bot told, in the current window, that they are over the rate limit. Telling
 * them on every refused mention turned one person's burst into a stream of public "Easy there!"
 * messages; once per window is enough, and the rest of the burst is refused silently. The window
 * is the rate limiter's (a minute), so someone still hammering a minute later is told again.
 * Memory is bounded by the people told in the last window.
 */
final class RateLimitNotices {

    private final Cache<String, Boolean> told;

    RateLimitNotices(Duration window) {
        this.told = Caffeine.newBuilder().expireAfterWrite(window).maximumSize(100_000).build();
    }

    /** True the first time {@code user} is refused in the window: tell them; false afterwards: don't. */
    boolean firstInWindow(String user) {
        return told.asMap().putIfAbsent(user, Boolean.TRUE) == null;
    }
}

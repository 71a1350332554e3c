package dev.quotecast.reliability;

import dev.quotecast.bot.Reply;

/** Renders one reply on every platform with the checks of {@link RenderChecks}. */
final class RenderChecksAll {
    private static final RenderChecks CHECKS = new RenderChecks();

    private RenderChecksAll() {}

    static void render(Reply r) {
        CHECKS.renderEverywhere("test", r);
    }
}

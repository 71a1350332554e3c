package dev.quotecast.ops;

import java.util.Optional;

/**
 * What {@code /healthz} says about the state store. A database that cannot be reached is reported
 * but does not make the bot unready: every replica shares it, so an outage would take all of them
 * out of the load balancer at once, while chat can still be answered without it.
 *
 * @param store {@code files} or {@code postgresql}
 * @param problem why the store is not usable right now (the database cannot be reached); empty when it is
 */
public record StateHealth(String store, Optional<String> problem) {

    public static StateHealth ok(String store) {
        return new StateHealth(store, Optional.empty());
    }

    public boolean up() {
        return problem.isEmpty();
    }
}

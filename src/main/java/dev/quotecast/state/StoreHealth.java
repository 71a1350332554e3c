package dev.quotecast.state;

import java.util.Optional;

/**
 * What {@code /healthz} says about the state store.
 *
 * @param store {@code files} or {@code postgresql}
 * @param problem why the store is not usable right now (the database cannot be reached); empty when it is
 */
public record StoreHealth(String store, Optional<String> problem) {

    public static StoreHealth ok(String store) {
        return new StoreHealth(store, Optional.empty());
    }

    public boolean up() {
        return problem.isEmpty();
    }
}

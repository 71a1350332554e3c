package dev.quotecast;

import java.util.ArrayList;
import java.util.List;

/** Builds the chat adapters the configuration turns on. Each platform package adds itself here. */
final class Platforms {
    private Platforms() {}

    static List<ChatPlatform> create(Engine engine) {
        List<ChatPlatform> out = new ArrayList<>();
        return out;
    }
}

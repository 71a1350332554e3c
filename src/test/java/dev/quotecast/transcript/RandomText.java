package dev.quotecast.transcript;

import java.util.Random;

/** Seeded random strings over a small alphabet: the inputs on which a rewrite is checked against the version it replaced. */
final class RandomText {

    private final Random random;
    private final String alphabet;

    RandomText(long seed, String alphabet) {
        this.random = new Random(seed);
        this.alphabet = alphabet;
    }

    /** A string of fewer than {@code maxLength} characters from the alphabet. */
    String next(int maxLength) {
        StringBuilder s = new StringBuilder();
        for (int i = random.nextInt(maxLength); i > 0; i--) s.append(alphabet.charAt(random.nextInt(alphabet.length())));
        return s.toString();
    }
}

package dev.quotecast.transcript;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Who a line of text says it is by: {@code Lex Fridman: text}, {@code SPEAKER_01: text},
 * {@code [SPEAKER_01]: text} (how WhisperX labels SubRip cues) or {@code Speaker 2: text}.
 *
 * <p>A name is one to four capitalised words (with {@code van}, {@code de}, {@code bin} and the
 * like between them), so that "Here's the thing: ..." is not a speaker; and a reader takes
 * prefixes as speakers only when enough lines of a file have one ({@link #named}), so that one
 * "Note: ..." in a transcript is not either.
 */
final class SpeakerPrefix {

    /** Lines with a prefix a file needs before its prefixes are read as speakers. */
    static final int MIN_LINES = 2;

    private static final String WORD = "\\p{Lu}[\\p{L}\\p{M}'’.-]{0,30}";
    private static final String PARTICLE = "(?:van|von|de|da|der|den|del|della|di|du|la|le|bin|ibn|al|dos|das|y)";
    private static final String NAME = "(?:SPEAKER_\\d{1,3}|" + WORD + "(?:\\s+(?:" + PARTICLE + "\\s+)?" + WORD + "){0,3}(?:\\s+\\d{1,3})?)";
    private static final Pattern PREFIX = Pattern.compile(
            "^\\s*(?:\\[(?<bracketed>" + NAME + ")\\]\\s*:?|(?<plain>" + NAME + ")\\s*:)(?:\\s+(?<text>.*))?$");

    /** A line's speaker and the words after the prefix. */
    record Split(String speaker, String text) {}

    private SpeakerPrefix() {}

    /**
     * True when the prefixes of a file's lines are speakers: at least {@link #MIN_LINES} lines
     * have one, and either one is a diarization label ({@code SPEAKER_01}, {@code Speaker 2}) or
     * some name opens two lines or more. A speaker comes back to speak; "Look: ..." and
     * "Remember: ..." once each in a plain Whisper text are words, not two speakers.
     */
    static boolean named(Iterable<String> lines) {
        Map<String, Integer> seen = new HashMap<>();
        int prefixed = 0;
        boolean label = false;
        for (String l : lines) {
            Split s = of(l);
            if (s == null) continue;
            prefixed++;
            label |= EpisodeMeta.isLabel(s.speaker());
            seen.merge(s.speaker(), 1, Integer::sum);
        }
        if (prefixed < MIN_LINES) return false;
        return label || seen.values().stream().anyMatch(n -> n >= 2);
    }

    /** The speaker a line opens with and the rest of it; null when it opens with none. */
    static Split of(String line) {
        if (line.indexOf(':') < 0 && line.indexOf(']') < 0) return null;
        Matcher m = PREFIX.matcher(line);
        if (!m.matches()) return null;
        String name = m.group("bracketed") != null ? m.group("bracketed") : m.group("plain");
        return new Split(Text.collapse(name), m.group("text") == null ? "" : m.group("text").strip());
    }
}

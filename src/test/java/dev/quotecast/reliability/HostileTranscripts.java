package dev.quotecast.reliability;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Transcripts in the seed format whose text is hostile, for the engine and the renderers. */
final class HostileTranscripts {

    private HostileTranscripts() {}

    /** Writes text as UTF-8; a lone surrogate becomes '?', as any editor would write it. */
    static void write(java.nio.file.Path file, String text) throws java.io.IOException {
        java.nio.file.Files.write(file, text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** A transcript file's text: front matter, title, headers, one paragraph per sentence. */
    static String transcript(String title, String url, List<String> sentences) {
        StringBuilder sb = new StringBuilder();
        sb.append("---\ndescription: ").append(url).append("\n---\n\n# ").append(title).append("\n\n")
                .append("Date: 02/20/2020\n\nDuration: 0 hours, 30 minutes, 0 seconds\n\nModel: Whisper-small\n\n");
        for (String s : sentences) sb.append(s).append("\n\n");
        return sb.toString();
    }

    /**
     * Sentences that read like conversation (so quotes and answers pick them) with hostile pieces
     * inside: markup of both platforms, query syntax, invisible marks, emoji, control characters.
     */
    static List<String> sentences(Random random, int count) {
        List<String> pools = new ArrayList<>();
        pools.addAll(HostileText.MARKUP);
        pools.addAll(HostileText.QUERY_SYNTAX);
        pools.addAll(HostileText.INVISIBLE);
        pools.addAll(HostileText.EMOJI);
        pools.addAll(HostileText.CONTROL.stream().filter(c -> c.indexOf('\0') < 0).toList());
        String[] words = {"Good", "habits", "are", "built", "every", "single", "day", "when", "you", "learn", "deep", "learning",
                "and", "practice", "the", "work", "of", "education", "matters", "most", "for", "your", "career", "machine"};
        List<String> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            StringBuilder s = new StringBuilder("Habits");
            int n = 10 + random.nextInt(16);
            for (int w = 0; w < n; w++) {
                s.append(' ');
                s.append(random.nextInt(3) == 0 ? pools.get(random.nextInt(pools.size())) : words[random.nextInt(words.length)]);
            }
            out.add(s.append('.').toString());
        }
        return out;
    }
}

package dev.quotecast.transcript;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@code .txt} without the seed's header: Whisper's own {@code .txt} (a line per segment), or a
 * transcription service's text with a speaker before each turn ({@code Lex Fridman: …},
 * {@code SPEAKER_01: …}, see {@link SpeakerPrefix}). Blank lines end paragraphs; a line with a
 * speaker starts a new one, and lines after it are that speaker's until the next. There are no
 * times, so they are estimated from the words, as for the seed format without a Duration; the
 * title comes from the episode's metadata or, with a warning, from the file name.
 */
public final class PlainText implements TranscriptReader {

    /**
     * Words a plain text needs, with no metadata beside it, to be read as a transcript: a shorter
     * {@code .txt} without a header is far more likely a stray note or a seed file whose header
     * was lost, and is refused as the seed format refuses it.
     */
    static final int MIN_WORDS = 20;

    @Override
    public TranscriptParser.Result read(Path file, byte[] bytes) {
        String text;
        try {
            text = TranscriptParser.decode(bytes);
        } catch (TranscriptParser.BadEncoding e) {
            return new TranscriptParser.Failed(e.problem(file));
        }
        if (text.indexOf('\0') >= 0) return fail(file, 1, "binary data (NUL byte); not a transcript");
        String[] lines = Text.lines(Text.withoutControls(text));
        if (lines.length > 0 && !lines[0].isEmpty() && lines[0].charAt(0) == '\uFEFF') lines[0] = lines[0].substring(1);
        boolean named = SpeakerPrefix.named(java.util.Arrays.asList(lines));
        List<String> paragraphs = new ArrayList<>();
        List<String> speakers = new ArrayList<>();
        StringBuilder para = new StringBuilder();
        String speaker = null;
        for (String raw : lines) {
            String l = raw.strip();
            SpeakerPrefix.Split split = named ? SpeakerPrefix.of(raw) : null;
            if (l.isEmpty() || split != null) {
                if (para.length() > 0) {
                    paragraphs.add(para.toString());
                    speakers.add(speaker);
                    para.setLength(0);
                }
                if (split == null) continue;
                speaker = split.speaker();
                l = split.text();
            }
            if (l.isEmpty()) continue;
            if (para.length() > 0) para.append(' ');
            para.append(l);
        }
        if (para.length() > 0) {
            paragraphs.add(para.toString());
            speakers.add(speaker);
        }
        List<Sentence> sentences = TranscriptParser.sentences(paragraphs, named ? speakers : null, null);
        if (sentences.isEmpty()) return fail(file, 1, "empty: no words");
        return new TranscriptParser.Parsed(new Episode(TranscriptParser.idOf(file), EpisodeTitle.fromFileName(file), null,
                TranscriptParser.estimatedDuration(sentences), null, sentences, true, file, TranscriptParser.checksum(bytes), null,
                TranscriptFormat.PLAIN_TEXT.label(), List.of()));
    }

    /** Words in a text, for the {@link #MIN_WORDS} rule. */
    static int words(String text) {
        return Text.wordCount(text);
    }

    private static TranscriptParser.Failed fail(Path file, int line, String reason) {
        return new TranscriptParser.Failed(new TranscriptProblem(file, line, reason));
    }
}

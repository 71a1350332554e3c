package dev.quotecast.bench;

import dev.quotecast.transcript.TranscriptLibrary;
import dev.quotecast.transcript.TranscriptParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The corpus for each benchmark size: the seed alone (1), the seed plus the first episodes of the
 * shared corpus (up to 101), and beyond that the seed, the whole shared corpus and generated
 * episodes for the rest. What a corpus hands to Quotecast is whatever {@link TranscriptLibrary}
 * accepts from those folders (so .vtt files join in the day the library reads them); what it
 * hands to the plain reference indexer is the .txt files, whose size is the "MB" of MB/s.
 */
public final class Corpora {

    /** Fixed, so that every run generates the same episodes. */
    public static final long GENERATOR_SEED = 20_260_227L;

    /**
     * One corpus.
     *
     * @param episodes the number of episodes asked for
     * @param inputs what Quotecast is pointed at (folders and files, as {@code --transcripts} takes them)
     * @param textFiles the .txt transcripts in it, for the plain indexer
     * @param textBytes their total size
     */
    public record Corpus(int episodes, List<Path> inputs, List<Path> textFiles, long textBytes) {
        public double textMegabytes() {
            return textBytes / 1e6;
        }
    }

    private final Path seedDir;
    private final Path sharedCorpus;
    private final Path work;

    /**
     * @param seedDir the bundled {@code transcripts/} folder
     * @param sharedCorpus {@code ../shared/corpus/lex}, or null when absent
     * @param work where generated episodes go
     */
    public Corpora(Path seedDir, Path sharedCorpus, Path work) {
        this.seedDir = seedDir;
        this.sharedCorpus = sharedCorpus;
        this.work = work;
    }

    /** The corpus of {@code size} episodes; sizes over 1 need the shared corpus. */
    public Corpus of(int size) {
        if (size < 1) throw new IllegalArgumentException("a corpus has at least one episode: " + size);
        List<Path> inputs = new ArrayList<>(List.of(seedDir));
        List<Path> text = new ArrayList<>(textFiles(seedDir));
        int wanted = size - text.size();
        if (wanted > 0) {
            if (sharedCorpus == null) {
                throw new IllegalStateException("a corpus of " + size + " episodes needs the shared corpus (--shared), which is absent");
            }
            List<Path> sharedText = textFiles(sharedCorpus);
            if (wanted >= sharedText.size()) {
                inputs.add(sharedCorpus);
                text.addAll(sharedText);
            } else {
                Set<String> ids = new LinkedHashSet<>();
                for (Path p : sharedText.subList(0, wanted)) ids.add(TranscriptParser.idOf(p));
                for (Path p : transcriptFiles(sharedCorpus)) if (ids.contains(TranscriptParser.idOf(p))) inputs.add(p);
                text.addAll(sharedText.subList(0, wanted));
            }
            wanted = size - text.size();
        }
        if (wanted > 0) {
            List<Path> sources = new ArrayList<>(text);
            Path out = work.resolve(String.format(Locale.ROOT, "generated-%d", wanted));
            List<Path> generated = new CorpusGenerator(GENERATOR_SEED).generate(sources, wanted, out);
            inputs.add(out);
            text.addAll(generated);
        }
        long bytes = 0;
        try {
            for (Path p : text) bytes += Files.size(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Corpus(size, List.copyOf(inputs), List.copyOf(text), bytes);
    }

    /** Every file the library would load from a folder, sorted. */
    static List<Path> transcriptFiles(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> dev.quotecast.transcript.TranscriptFiles.isTranscriptName(p) && Files.isRegularFile(p)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    /** The .txt transcripts of a folder, sorted. */
    static List<Path> textFiles(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".txt") && Files.isRegularFile(p))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }
}

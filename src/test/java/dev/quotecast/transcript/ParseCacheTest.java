package dev.quotecast.transcript;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParseCacheTest {

    @TempDir
    Path dir;

    TranscriptLibrary.Loaded load(Path transcripts) {
        return new TranscriptLibrary(ParseCache.in(dir.resolve("cache"))).load(List.of(transcripts));
    }

    @Test
    void aRestartReadsBackExactlyWhatWasParsed() throws Exception {
        Path t = Files.createDirectories(dir.resolve("t"));
        Files.copy(TranscriptParserTest.SEED, t.resolve("a.txt"));
        Episode parsed = load(t).episodes().get(0);
        try (Stream<Path> s = Files.list(dir.resolve("cache"))) {
            assertThat(s.filter(p -> p.toString().endsWith(".parsed")).count()).isEqualTo(1);
        }
        Episode cached = load(t).episodes().get(0);
        assertThat(cached).isNotSameAs(parsed);
        assertThat(cached.sentences()).isEqualTo(parsed.sentences());
        assertThat(cached.title()).isEqualTo(parsed.title());
        assertThat(cached.date()).isEqualTo(parsed.date());
        assertThat(cached.duration()).isEqualTo(parsed.duration());
        assertThat(cached.url()).isEqualTo(parsed.url());
        assertThat(cached.checksum()).isEqualTo(parsed.checksum());
        assertThat(cached.source()).isEqualTo(parsed.source());
        assertThat(cached.timesEstimated()).isEqualTo(parsed.timesEstimated());
    }

    @Test
    void aChangedFileIsParsedAgain() throws Exception {
        Path t = Files.createDirectories(dir.resolve("t"));
        Path a = t.resolve("a.txt");
        Files.copy(TranscriptParserTest.SEED, a);
        load(t);
        Files.writeString(a, Files.readString(a).replace("Andrew Ng: Deep Learning", "Andrew Ng: Shallow Learning"));
        Files.setLastModifiedTime(a, FileTime.fromMillis(System.currentTimeMillis() + 5_000));
        assertThat(load(t).episodes().get(0).title().topic()).startsWith("Shallow Learning");
    }

    @Test
    void aDamagedEntryIsAMissNotAnError() throws Exception {
        Path t = Files.createDirectories(dir.resolve("t"));
        Files.copy(TranscriptParserTest.SEED, t.resolve("a.txt"));
        int sentences = load(t).episodes().get(0).sentences().size();
        try (Stream<Path> s = Files.list(dir.resolve("cache"))) {
            for (Path p : s.toList()) {
                byte[] b = Files.readAllBytes(p);
                Files.write(p, java.util.Arrays.copyOf(b, b.length / 2));
            }
        }
        TranscriptLibrary.Loaded again = load(t);
        assertThat(again.problems()).isEmpty();
        assertThat(again.episodes().get(0).sentences()).hasSize(sentences);
    }
}

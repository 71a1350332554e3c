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
        return new TranscriptLibrary(ParseCache.in(dir.resolve("cache")), new TranscriptFiles(50L << 20)).load(List.of(transcripts));
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
    void speakersHostFormatWarningsAndMetadataSurviveARestart() throws Exception {
        Path t = Files.createDirectories(dir.resolve("t"));
        Files.writeString(t.resolve("ep.json"), TranscriptFormatsTest.json(TranscriptFormatsTest.SCRIPT, true));
        Files.writeString(t.resolve("show.yml"), "show: Test Show\nhost: Lex Fridman\n");
        Files.writeString(t.resolve("ep.meta.yml"), "number: 9\ndate: 2024-03-05\nspeakers: { SPEAKER_00: Lex Fridman }\n");
        Episode parsed = load(t).episodes().get(0);
        assertThat(parsed.warnings()).isNotEmpty();
        Episode cached = load(t).episodes().get(0);
        assertThat(cached).isNotSameAs(parsed);
        assertThat(cached).usingRecursiveComparison().isEqualTo(parsed);
        assertThat(cached.sentences()).extracting(Sentence::speaker).contains("Lex Fridman", "SPEAKER_01");
        assertThat(cached.host()).isEqualTo("Lex Fridman");
        assertThat(cached.format()).isEqualTo("WhisperX .json");
        assertThat(cached.title().show()).isEqualTo("Test Show");
        assertThat(cached.number()).contains(9);
        // the sidecar is part of the key: naming the guest re-reads the episode
        Files.writeString(t.resolve("ep.meta.yml"), "number: 9\ndate: 2024-03-05\nspeakers: { SPEAKER_00: Lex Fridman, SPEAKER_01: Ada Palmer }\n");
        Episode renamed = load(t).episodes().get(0);
        assertThat(renamed.sentences()).extracting(Sentence::speaker).containsOnly("Lex Fridman", "Ada Palmer");
        assertThat(renamed.title().guest()).isEqualTo("Ada Palmer");
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

    @Test
    void aSameLengthEditWithTheOldTimeRestoredIsSeenAfterARestart() throws Exception {
        // before: the cache was keyed by size and modification time, so this edit was served stale after a restart
        Path t = Files.createDirectories(dir.resolve("t"));
        Path a = t.resolve("a.txt");
        Files.copy(TranscriptParserTest.SEED, a);
        FileTime time = Files.getLastModifiedTime(a);
        assertThat(load(t).episodes().get(0).text(0, 2000)).contains("habit of learning is key");
        String edited = Files.readString(a).replace("habit of learning is key", "HXBIT of learning is key");
        Files.writeString(a, edited);
        Files.setLastModifiedTime(a, time);
        assertThat(load(t).episodes().get(0).text(0, 2000)).contains("HXBIT of learning is key").doesNotContain("habit of learning is key");
    }

    @Test
    void aFlippedByteInACacheEntryIsNeverServed() throws Exception {
        // before: "fitness HXCKD going" was served from a damaged .parsed file, and neither start nor index --check noticed
        Path t = Files.createDirectories(dir.resolve("t"));
        Files.copy(TranscriptParserTest.SEED, t.resolve("a.txt"));
        load(t);
        Path entry;
        try (Stream<Path> s = Files.list(dir.resolve("cache"))) {
            entry = s.filter(p -> p.toString().endsWith(".parsed")).findFirst().orElseThrow();
        }
        byte[] b = Files.readAllBytes(entry);
        String all = new String(b, java.nio.charset.StandardCharsets.ISO_8859_1);
        int at = all.indexOf("habit of learning is key");
        assertThat(at).isPositive();
        byte[] damaged = b.clone();
        for (int i = 0; i < 5; i++) damaged[at + i] = (byte) "HXCKD".charAt(i);
        Files.write(entry, damaged);
        String served = load(t).episodes().get(0).text(0, 2000);
        assertThat(served).contains("habit of learning is key").doesNotContain("HXCKD");
    }
}

package dev.quotecast.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quotecast.transcript.Episode;
import dev.quotecast.transcript.TranscriptLibrary;
import dev.quotecast.transcript.TranscriptParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CorpusGeneratorTest {

    static final String ONE = """
            ---
            description: https://www.youtube.com/watch?v=abcdefghijk
            ---

            # Ada Lovelace: Engines and Poetry | Some Show #12

            Date: 02/20/2020

            Duration: 1 hours, 2 minutes, 3 seconds

            Model: Whisper-small

            The engine weaves algebraic patterns.
            It is a loom.

            and this paragraph continues a sentence.

            Poetry matters to science.
            """;

    static final String TWO = """
            # Alan Turing: Machines | Other Show #3

            Can machines think? That is the question.

            Imitation is a game.
            """;

    @Test
    void readsGuestTopicAndBodyParagraphsOnly() {
        CorpusGenerator.Source s = CorpusGenerator.read(ONE);
        assertThat(s.guest()).isEqualTo("Ada Lovelace");
        assertThat(s.topic()).isEqualTo("Engines and Poetry");
        assertThat(s.paragraphs()).containsExactly("The engine weaves algebraic patterns. It is a loom.",
                "and this paragraph continues a sentence.", "Poetry matters to science.");
    }

    @Test
    void sameSeedSameEpisodesOtherSeedOthers() {
        List<CorpusGenerator.Source> sources = List.of(CorpusGenerator.read(ONE), CorpusGenerator.read(TWO));
        List<CorpusGenerator.Episode> a = new CorpusGenerator(42).episodes(sources, 30);
        List<CorpusGenerator.Episode> b = new CorpusGenerator(42).episodes(sources, 30);
        List<CorpusGenerator.Episode> c = new CorpusGenerator(43).episodes(sources, 30);
        assertThat(a).hasSize(30).isEqualTo(b);
        assertThat(c).isNotEqualTo(a);
        assertThat(a.stream().map(CorpusGenerator.Episode::id).distinct().count()).isEqualTo(30);
    }

    @Test
    void generatedEpisodesParseWithBenchTitlesAndOnlySourceParagraphs() {
        List<CorpusGenerator.Source> sources = List.of(CorpusGenerator.read(ONE), CorpusGenerator.read(TWO));
        Set<String> sourceParagraphs = new HashSet<>();
        sources.forEach(s -> sourceParagraphs.addAll(s.paragraphs()));
        Set<Integer> lengths = Set.of(3, 2);
        int n = 0;
        for (CorpusGenerator.Episode e : new CorpusGenerator(7).episodes(sources, 12)) {
            n++;
            TranscriptParser.Result r = new TranscriptParser().parse(Path.of(e.id() + ".txt"), e.text().getBytes());
            assertThat(r).isInstanceOf(TranscriptParser.Parsed.class);
            Episode ep = ((TranscriptParser.Parsed) r).episode();
            assertThat(ep.id()).startsWith(String.format("bench-show-%04d-", n));
            assertThat(ep.title().show()).isEqualTo("Bench Show");
            assertThat(ep.title().number()).isEqualTo(n);
            assertThat(ep.title().guest()).isNotBlank();
            assertThat(ep.title().full()).matches(".+: .+ \\| Bench Show #" + n);
            String body = e.text().substring(e.text().indexOf("Model: bench-recombined") + "Model: bench-recombined".length()).strip();
            List<String> paragraphs = List.of(body.split("\n\n"));
            assertThat(sourceParagraphs).containsAll(paragraphs);
            assertThat(lengths).contains(paragraphs.size());
        }
    }

    @Test
    void writesOnceAndReusesACompleteFolder(@TempDir Path tmp) throws Exception {
        Path a = Files.writeString(tmp.resolve("a.txt"), ONE), b = Files.writeString(tmp.resolve("b.txt"), TWO);
        Path out = tmp.resolve("gen");
        List<Path> first = new CorpusGenerator(1).generate(List.of(b, a), 25, out);
        assertThat(first).hasSize(25).allMatch(Files::isRegularFile);
        FileTime stamp = FileTime.fromMillis(1_000_000L);
        Files.setLastModifiedTime(first.get(0), stamp);

        List<Path> again = new CorpusGenerator(1).generate(List.of(a, b), 25, out);
        assertThat(again).containsExactlyInAnyOrderElementsOf(first);
        assertThat(Files.getLastModifiedTime(first.get(0))).isEqualTo(stamp);

        List<Path> fewer = new CorpusGenerator(1).generate(List.of(a, b), 10, out);
        assertThat(fewer).hasSize(10);
        try (var s = Files.list(out)) {
            assertThat(s.filter(p -> p.toString().endsWith(".txt")).count()).isEqualTo(10);
        }
        assertThat(new TranscriptLibrary().load(List.of(out)).episodes()).hasSize(10);
    }

    @Test
    void corporaOfEachSizeTakeSeedThenSharedThenGenerated(@TempDir Path tmp) throws Exception {
        Path seed = Files.createDirectories(tmp.resolve("seed")), shared = Files.createDirectories(tmp.resolve("lex"));
        Files.writeString(seed.resolve("seed-ep.txt"), ONE);
        Files.writeString(shared.resolve("episode-001.txt"), TWO);
        Files.writeString(shared.resolve("episode-002.txt"), ONE.replace("#12", "#13"));
        Files.writeString(shared.resolve("episode-002.vtt"), "WEBVTT\n");
        Corpora corpora = new Corpora(seed, shared, tmp.resolve("work"));

        assertThat(corpora.of(1).inputs()).containsExactly(seed);
        Corpora.Corpus two = corpora.of(2);
        assertThat(two.textFiles()).containsExactly(seed.resolve("seed-ep.txt"), shared.resolve("episode-001.txt"));
        assertThat(two.inputs()).startsWith(seed).contains(shared.resolve("episode-001.txt")).doesNotContain(shared);
        assertThat(corpora.of(3).inputs()).containsExactly(seed, shared);
        Corpora.Corpus ten = corpora.of(10);
        assertThat(ten.textFiles()).hasSize(10);
        assertThat(ten.inputs()).hasSize(3);
        assertThat(ten.textBytes()).isEqualTo(ten.textFiles().stream().mapToLong(p -> p.toFile().length()).sum());
        assertThat(new TranscriptLibrary().load(ten.inputs()).episodes()).hasSize(10);
    }
}

package dev.quotecast.transcript;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Incremental refreshes: only changed files are parsed again, and a file gone bad keeps its last good episode. */
class LiveTranscriptsTest {

    static final Path SEED = Path.of("transcripts", "lex-fridman-073-andrew-ng.txt");

    @TempDir
    Path dir;

    @Test
    void parsesOnlyWhatChangedAndKeepsTheLastGoodVersion() throws Exception {
        Files.copy(SEED, dir.resolve("a.txt"));
        Files.copy(SEED, dir.resolve("b.txt"));
        LiveTranscripts live = new LiveTranscripts(new TranscriptLibrary());

        LiveTranscripts.Refresh first = live.refresh(List.of(dir), Set.of());
        assertThat(first.parsed()).isEqualTo(2);
        assertThat(first.loaded().episodes()).extracting(Episode::id).containsExactly("a", "b");

        LiveTranscripts.Refresh again = live.refresh(List.of(dir), Set.of());
        assertThat(again.parsed()).isZero();
        assertThat(again.reused()).isEqualTo(2);

        // a file event forces a re-parse even when size and time look the same
        assertThat(live.refresh(List.of(dir), Set.of(dir.resolve("a.txt"))).parsed()).isEqualTo(1);

        // b turns bad: reported, and its last good episode is still served
        Episode goodB = again.loaded().episodes().get(1);
        Path b = dir.resolve("b.txt");
        Files.writeString(b, "not a transcript\n", StandardCharsets.UTF_8);
        Files.setLastModifiedTime(b, FileTime.fromMillis(Files.getLastModifiedTime(b).toMillis() + 5_000));
        LiveTranscripts.Refresh bad = live.refresh(List.of(dir), Set.of());
        assertThat(bad.parsed()).isEqualTo(1);
        assertThat(bad.keptLastGood()).isEqualTo(1);
        assertThat(bad.servingLastGood()).extracting(TranscriptProblem::file).containsExactly(b);
        assertThat(bad.loaded().episodes()).containsExactly(again.loaded().episodes().get(0), goodB);
        assertThat(bad.loaded().problems()).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo(b);
            assertThat(p.reason()).contains("still serving the last good version");
        });

        // a bad file that never parsed is reported and left out
        Files.writeString(dir.resolve("c.txt"), "", StandardCharsets.UTF_8);
        LiveTranscripts.Refresh withC = live.refresh(List.of(dir), Set.of());
        assertThat(withC.loaded().episodes()).extracting(Episode::id).containsExactly("a", "b");
        assertThat(withC.loaded().problems()).extracting(TranscriptProblem::file).contains(dir.resolve("c.txt"));
        assertThat(withC.servingLastGood()).as("c served nothing before: nothing stale").extracting(TranscriptProblem::file).containsExactly(b);

        // deleted files leave
        Files.delete(b);
        Files.delete(dir.resolve("c.txt"));
        LiveTranscripts.Refresh gone = live.refresh(List.of(dir), Set.of());
        assertThat(gone.loaded().episodes()).extracting(Episode::id).containsExactly("a");
        assertThat(gone.loaded().problems()).isEmpty();
    }

    @Test
    void aSecondFileWithTheSameIdIsReportedNotServedTwice() throws Exception {
        Path one = Files.createDirectories(dir.resolve("one"));
        Path two = Files.createDirectories(dir.resolve("two"));
        Files.copy(SEED, one.resolve("same.txt"));
        Files.copy(SEED, two.resolve("same.txt"));
        LiveTranscripts.Refresh r = new LiveTranscripts(new TranscriptLibrary()).refresh(List.of(one, two), Set.of());
        assertThat(r.loaded().episodes()).singleElement().satisfies(e -> assertThat(e.source()).isEqualTo(one.resolve("same.txt")));
        assertThat(r.loaded().problems()).singleElement().satisfies(p -> assertThat(p.reason()).contains("duplicate episode id"));
    }

    private static final String TXT = """
            ---
            description: https://www.youtube.com/watch?v=abcdefghijk
            ---

            # Ada Lovelace: Engines | Test Show #7

            Date: 01/02/2020

            Duration: 0 hours, 10 minutes, 0 seconds

            Model: Whisper-large

            The engine weaves algebraic patterns. It is like a loom for numbers.
            """;

    private static final String VTT = """
            WEBVTT

            00:00.000 --> 00:04.000
             The engine weaves algebraic patterns.

            00:04.000 --> 00:07.500
             It is like a loom for numbers.
            """;

    @Test
    void aTxtAndItsVttAreOneEpisodeAndAVttChangeReparsesIt() throws Exception {
        Files.writeString(dir.resolve("ada.txt"), TXT, StandardCharsets.UTF_8);
        LiveTranscripts live = new LiveTranscripts(new TranscriptLibrary());
        assertThat(live.refresh(List.of(dir), Set.of()).loaded().episodes()).singleElement()
                .satisfies(e -> assertThat(e.timesEstimated()).isTrue());

        Files.writeString(dir.resolve("ada.vtt"), VTT, StandardCharsets.UTF_8);
        LiveTranscripts.Refresh paired = live.refresh(List.of(dir), Set.of());
        assertThat(paired.parsed()).isEqualTo(1);
        assertThat(paired.loaded().problems()).isEmpty();
        assertThat(paired.loaded().episodes()).singleElement().satisfies(e -> {
            assertThat(e.id()).isEqualTo("ada");
            assertThat(e.timesEstimated()).isFalse();
            assertThat(e.sentence(1).startSeconds()).isEqualTo(4);
        });

        Files.writeString(dir.resolve("ada.vtt"), VTT.replace("00:04.000 -->", "00:05.000 -->"), StandardCharsets.UTF_8);
        LiveTranscripts.Refresh moved = live.refresh(List.of(dir), Set.of(dir.resolve("ada.vtt")));
        assertThat(moved.parsed()).isEqualTo(1);
        assertThat(moved.loaded().episodes().get(0).sentence(1).startSeconds()).isEqualTo(5);
    }

    @Test
    void aSidecarOrShowYmlChangeReparsesTheEpisodesItDescribes() throws Exception {
        Files.writeString(dir.resolve("ep.srt"), TranscriptFormatsTest.srt(TranscriptFormatsTest.SCRIPT, true, true));
        LiveTranscripts live = new LiveTranscripts(new TranscriptLibrary());
        Episode first = live.refresh(List.of(dir), Set.of()).loaded().episodes().get(0);
        assertThat(first.host()).isNull();
        assertThat(live.refresh(List.of(dir), Set.of()).parsed()).isZero();

        Files.writeString(dir.resolve("show.yml"), "host: Lex Fridman\n");
        Files.writeString(dir.resolve("ep.meta.yml"), "speakers: { SPEAKER_00: Lex Fridman, SPEAKER_01: Ada Palmer }\n");
        LiveTranscripts.Refresh named = live.refresh(List.of(dir), Set.of());
        assertThat(named.parsed()).isEqualTo(1);
        Episode e = named.loaded().episodes().get(0);
        assertThat(e.host()).isEqualTo("Lex Fridman");
        assertThat(e.hostLabeled()).isTrue();
        assertThat(e.title().guest()).isEqualTo("Ada Palmer");

        // a sidecar gone bad is reported with its line, and the last good episode is still served
        Files.writeString(dir.resolve("ep.meta.yml"), "speakers: { SPEAKER_00: Lex Fridman }\nguset: Ada\n");
        LiveTranscripts.Refresh bad = live.refresh(List.of(dir), Set.of(dir.resolve("ep.meta.yml")));
        assertThat(bad.loaded().problems()).singleElement().satisfies(p -> {
            assertThat(p.file().getFileName().toString()).isEqualTo("ep.meta.yml");
            assertThat(p.line()).isEqualTo(2);
        });
        assertThat(bad.loaded().episodes()).singleElement().satisfies(x -> assertThat(x.title().guest()).isEqualTo("Ada Palmer"));
    }

    @Test
    void anEpisodeCutShortWithTheSameTitleKeepsItsLastGoodVersion() throws Exception {
        // before: a copy that stopped after 300 bytes replaced the whole episode on hot reload
        Path a = dir.resolve("a.txt");
        Files.copy(Path.of("transcripts", "lex-fridman-073-andrew-ng.txt"), a);
        LiveTranscripts live = new LiveTranscripts(new TranscriptLibrary());
        int sentences = live.refresh(List.of(dir), Set.of()).loaded().episodes().get(0).sentences().size();
        byte[] whole = Files.readAllBytes(a);
        Files.write(a, java.util.Arrays.copyOf(whole, 700));
        LiveTranscripts.Refresh cut = live.refresh(List.of(dir), Set.of(a));
        assertThat(cut.loaded().episodes()).singleElement().satisfies(e -> assertThat(e.sentences()).hasSize(sentences));
        assertThat(cut.loaded().problems()).singleElement().satisfies(p -> assertThat(p.reason()).contains("shrank").contains("last good"));
        assertThat(cut.servingLastGood()).isEqualTo(cut.loaded().problems());
        // the whole file again: served, no problem left
        Files.write(a, whole);
        LiveTranscripts.Refresh whole2 = live.refresh(List.of(dir), Set.of(a));
        assertThat(whole2.loaded().problems()).isEmpty();
        assertThat(whole2.servingLastGood()).isEmpty();
        // a real rewrite with a new title is taken as it is, short or not
        Files.writeString(a, new String(java.util.Arrays.copyOf(whole, 700), java.nio.charset.StandardCharsets.UTF_8)
                .replace("Deep Learning, Education", "A Short Talk"));
        assertThat(live.refresh(List.of(dir), Set.of(a)).loaded().episodes().get(0).sentences().size()).isLessThan(sentences / 5);
    }

    @Test
    void aFolderThatCannotBeListedKeepsItsEpisodesAtTheirLastGoodVersion() throws Exception {
        // before: a folder gone for a moment (a remount, a volume not yet attached) read as an empty one,
        // and every episode left the index, its passage vectors with it, to be embedded again once it was back
        Path tr = dir.resolve("tr"), other = dir.resolve("other");
        Files.createDirectories(tr);
        Files.createDirectories(other);
        Files.copy(SEED, tr.resolve("a.txt"));
        Files.copy(SEED, other.resolve("b.txt"));
        LiveTranscripts live = new LiveTranscripts(new TranscriptLibrary());
        List<Path> dirs = List.of(tr, other);
        List<Episode> before = live.refresh(dirs, Set.of()).loaded().episodes();

        Files.move(tr, dir.resolve("tr.gone"));
        LiveTranscripts.Refresh gone = live.refresh(dirs, Set.of());
        assertThat(gone.loaded().episodes()).as("a is still served, and b was never touched").isEqualTo(before);
        assertThat(gone.servingLastGood()).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo(tr.resolve("a.txt"));
            assertThat(p.reason()).contains("does not exist").contains(tr.toString()).contains("still serving the last good version");
        });
        assertThat(live.refresh(dirs, Set.of()).servingLastGood()).as("still gone: still reported").hasSize(1);

        // back again: read afresh, nothing stale left to report
        Files.move(dir.resolve("tr.gone"), tr);
        LiveTranscripts.Refresh back = live.refresh(dirs, Set.of());
        assertThat(back.loaded().episodes()).extracting(Episode::id).containsExactly("a", "b");
        assertThat(back.servingLastGood()).isEmpty();
        assertThat(back.loaded().problems()).isEmpty();

        // a folder that lists but is empty is what its owner left: its episodes go
        Files.delete(tr.resolve("a.txt"));
        assertThat(live.refresh(dirs, Set.of()).loaded().episodes()).extracting(Episode::id).containsExactly("b");
    }

    @Test
    void aFileThatIsThereButCannotBeReadKeepsItsLastGoodVersion() throws Exception {
        // a link into a volume (mounted inside the folder) that is not mounted any more: before, its episode
        // left the index like a deleted file's
        Path tr = Files.createDirectory(dir.resolve("tr")), volume = Files.createDirectory(tr.resolve("volume"));
        Files.copy(SEED, volume.resolve("a.txt"));
        Path link = Files.createSymbolicLink(tr.resolve("a.txt"), volume.resolve("a.txt"));
        LiveTranscripts live = new LiveTranscripts(new TranscriptLibrary());
        List<Episode> before = live.refresh(List.of(tr), Set.of()).loaded().episodes();
        assertThat(before).hasSize(1);

        Files.move(volume, dir.resolve("volume.unmounted"));
        LiveTranscripts.Refresh dangling = live.refresh(List.of(tr), Set.of());
        assertThat(dangling.loaded().episodes()).isEqualTo(before);
        assertThat(dangling.servingLastGood()).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo(link);
            assertThat(p.reason()).contains("dangling").contains("still serving the last good version");
        });

        // deleted: gone
        Files.delete(link);
        assertThat(live.refresh(List.of(tr), Set.of()).loaded().episodes()).isEmpty();
    }

    @Test
    void aConfiguredFileThatIsGoneKeepsItsLastGoodVersionAndIsCalledAFile() throws Exception {
        Path a = dir.resolve("a.txt");
        Files.copy(SEED, a);
        LiveTranscripts live = new LiveTranscripts(new TranscriptLibrary());
        List<Episode> before = live.refresh(List.of(a), Set.of()).loaded().episodes();
        Files.move(a, dir.resolve("a.txt.moved"));
        LiveTranscripts.Refresh gone = live.refresh(List.of(a), Set.of());
        assertThat(gone.loaded().episodes()).isEqualTo(before);
        assertThat(gone.servingLastGood()).singleElement()
                .satisfies(p -> assertThat(p.reason()).startsWith("transcript file does not exist").contains("still serving the last good version"));
    }
}

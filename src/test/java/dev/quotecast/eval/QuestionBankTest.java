package dev.quotecast.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The question bank ({@code eval/questions/}) holds what its README promises: four columns, each
 * row in the file of its episode's split, every expected piece present in that episode's text
 * (compared as {@code eval} compares: ignoring case and runs of whitespace), no question twice.
 * The corpus episodes are checked when {@code ../shared} is present (CI); the seed always.
 */
class QuestionBankTest {

    static final Path QUESTIONS = Path.of("eval", "questions");
    static final Path CORPUS = Path.of(System.getProperty("quotecast.shared", "../shared"), "corpus", "lex");

    static Map<String, String> splits() throws IOException {
        Map<String, String> out = new HashMap<>();
        for (String line : Files.readAllLines(Path.of("eval", "splits.tsv"), StandardCharsets.UTF_8)) {
            if (line.isBlank() || line.startsWith("#")) continue;
            String[] c = line.split("\t");
            out.put(c[0], c[1]);
        }
        return out;
    }

    static String normalised(String s) {
        return s.replaceAll("\\s+", " ").trim().toLowerCase(Locale.ROOT);
    }

    @Test
    void everyRowIsWellFormedInItsSplitAndItsExpectedTextIsInItsEpisode() throws IOException {
        Map<String, String> splits = splits();
        assertThat(splits.values()).containsOnly("train", "dev", "test");
        Map<String, String> texts = new HashMap<>();
        Set<String> questions = new HashSet<>();
        List<String> problems = new ArrayList<>();
        int answerable = 0, none = 0, checked = 0;
        Set<String> episodes = new HashSet<>();
        for (String file : List.of("train", "train-short", "train-round3", "dev", "test")) {
            String split = file.replace("-short", "").replace("-round3", "");
            List<String> lines = Files.readAllLines(QUESTIONS.resolve(file + ".tsv"), StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                if (line.isBlank() || line.startsWith("#")) continue;
                String where = file + ".tsv:" + (i + 1);
                String[] c = line.split("\t", -1);
                if (c.length != 4 || !c[0].equals("ask") || c[1].isBlank()) {
                    problems.add(where + ": expected ask<TAB>query<TAB>expected<TAB>episode-file");
                    continue;
                }
                if (!questions.add(normalised(c[1]))) problems.add(where + ": the same question again");
                if (c[2].equals("NONE")) {
                    none++;
                    if (!c[3].equals("-")) problems.add(where + ": a NONE row names no episode ('-')");
                    continue;
                }
                answerable++;
                episodes.add(c[3]);
                if (!split.equals(splits.get(c[3]))) problems.add(where + ": " + c[3] + " belongs to " + splits.get(c[3]));
                String text = texts.computeIfAbsent(c[3], QuestionBankTest::episodeText);
                if (text == null) continue; // the corpus is absent here
                checked++;
                for (String piece : c[2].split("\\|")) {
                    if (piece.isBlank() || !text.contains(normalised(piece))) problems.add(where + ": not in " + c[3] + ": '" + piece + "'");
                }
            }
        }
        assertThat(problems).isEmpty();
        // what the README promises about the bank's size
        assertThat(answerable).isGreaterThanOrEqualTo(400);
        assertThat(none).isGreaterThanOrEqualTo(60);
        assertThat(episodes).hasSizeGreaterThanOrEqualTo(90);
        assertThat(checked).as("rows whose expected text was found in the transcript").isPositive();
    }

    @Test
    void theCorpusIsPresentInCi() {
        assumeTrue(Files.isDirectory(CORPUS), "../shared/corpus/lex is absent: the corpus rows were not checked");
        assertThat(CORPUS.resolve("episode-001-max-tegmark.txt")).exists();
    }

    private static String episodeText(String file) {
        for (Path p : List.of(CORPUS.resolve(file), Path.of("transcripts", file))) {
            if (Files.isRegularFile(p)) {
                try {
                    return normalised(Files.readString(p, StandardCharsets.UTF_8));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        }
        return null;
    }
}

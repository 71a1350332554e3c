package dev.quotecast.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The second, independent labeling in {@code eval/labels/agreement/} is a sample of the first
 * (same rows, same text) and agrees with it well beyond chance. The figures printed here are the
 * ones {@code eval/labels/README.md} reports; a guideline rewrite that makes the two passes drift
 * apart fails this test rather than quietly lowering the ceiling of every classifier trained on
 * the labels.
 */
class LabelAgreementTest {

    static final Path LABELS = Path.of("eval", "labels");

    /** Agreement between two labelings of the same rows. */
    record Agreement(int rows, int same, double kappa) {
        static Agreement of(List<String[]> pairs) {
            Map<String, Integer> first = new HashMap<>();
            Map<String, Integer> second = new HashMap<>();
            int same = 0;
            for (String[] p : pairs) {
                first.merge(p[0], 1, Integer::sum);
                second.merge(p[1], 1, Integer::sum);
                if (p[0].equals(p[1])) same++;
            }
            double n = pairs.size();
            double chance = 0;
            for (String label : new TreeSet<>(first.keySet())) chance += first.get(label) / n * second.getOrDefault(label, 0) / n;
            double observed = same / n;
            return new Agreement(pairs.size(), same, (observed - chance) / (1 - chance));
        }
    }

    /**
     * @param file the labeled file in {@code eval/labels/}
     * @param samples its second labelings in {@code agreement/}, separated by {@code +}
     * @param keyColumns the columns after the label that, with the text, name a row
     */
    @ParameterizedTest
    @CsvSource({
            "advice.tsv,   advice-round1.tsv+advice-round2.tsv+advice-round3.tsv, 2, 480",
            "quotes.tsv,   quotes.tsv,                          3, 200",
            "speakers.tsv, speakers.tsv,                        2, 200",
            "speakers-round2.tsv, speakers-round2.tsv,          2, 140"})
    void theSecondPassIsASampleOfTheFirstAndAgreesWithIt(String file, String samples, int keyColumns, int atLeast) throws IOException {
        // a sentence and the two-sentence span that starts at it share a number: the text tells them apart
        Function<String[], String> key = c -> String.join("\t", List.of(c).subList(1, 1 + keyColumns)) + "\t" + c[c.length - 1];
        Map<String, String[]> firstPass = new HashMap<>();
        for (String[] c : rows(LABELS.resolve(file))) firstPass.put(key.apply(c), c);
        List<String[]> pairs = new java.util.ArrayList<>();
        for (String sample : samples.split("\\+")) {
            for (String[] c : rows(LABELS.resolve("agreement").resolve(sample))) {
                String[] first = firstPass.get(key.apply(c));
                assertThat(first).as("%s: row %s of the sample is not in %s", sample, key.apply(c), file).isNotNull();
                pairs.add(new String[] {first[0], c[0]});
            }
        }
        Agreement a = Agreement.of(pairs);
        System.out.printf("%s: %d rows labeled twice, %d the same (%.1f%%), Cohen's kappa %.2f%n",
                file, a.rows(), a.same(), 100.0 * a.same() / a.rows(), a.kappa());
        assertThat(a.rows()).isGreaterThanOrEqualTo(atLeast);
        assertThat(a.kappa()).as("agreement beyond chance").isGreaterThanOrEqualTo(0.6);
    }

    static List<String[]> rows(Path p) throws IOException {
        return Files.readAllLines(p, StandardCharsets.UTF_8).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#"))
                .map(l -> l.split("\t", -1))
                .toList();
    }
}

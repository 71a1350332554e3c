package dev.quotecast.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quotecast.transcript.Episode;
import dev.quotecast.transcript.TranscriptLibrary;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The passages answering reads without text are exactly those that are embedded and indexed. */
class PassagesTest {

    @Test
    void spansCutWhereTheWindowsCut() {
        Episode seed = new TranscriptLibrary().load(List.of(Path.of("transcripts"))).episodes().get(0);
        List<Passages.Window> windows = Passages.of(seed);
        List<Passages.Span> spans = Passages.spans(seed);
        assertThat(spans).hasSameSizeAs(windows).hasSizeGreaterThan(100);
        for (int k = 0; k < spans.size(); k++) {
            assertThat(spans.get(k)).isEqualTo(new Passages.Span(windows.get(k).first(), windows.get(k).last()));
        }
        assertThat(windows.get(0).text()).isEqualTo(String.join(" ",
                seed.sentences().subList(windows.get(0).first(), windows.get(0).last() + 1).stream().map(s -> s.text()).toList()));
    }
}

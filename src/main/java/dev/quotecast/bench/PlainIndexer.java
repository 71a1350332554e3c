package dev.quotecast.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.FSDirectory;

/**
 * The reference the cold build is measured against: the simplest useful Lucene indexer over the
 * same .txt files, with {@link StandardAnalyzer}, one document per blank-line paragraph, the same
 * kind of {@link FSDirectory} and the same RAM buffer as {@code TranscriptIndex}. It does no
 * sentence splitting, no stemming, no time estimation and keeps nothing in memory, which is why
 * Quotecast's target is half of its throughput rather than all of it.
 */
public final class PlainIndexer {

    /** What one build did. */
    public record Result(int files, long paragraphs, long bytes) {}

    public Result build(List<Path> files, Path indexDir) throws IOException {
        Files.createDirectories(indexDir);
        long paragraphs = 0, bytes = 0;
        IndexWriterConfig cfg = new IndexWriterConfig(new StandardAnalyzer())
                .setOpenMode(IndexWriterConfig.OpenMode.CREATE)
                .setRAMBufferSizeMB(64);
        try (FSDirectory dir = FSDirectory.open(indexDir); IndexWriter writer = new IndexWriter(dir, cfg)) {
            for (Path f : files) {
                String text = Files.readString(f, StandardCharsets.UTF_8);
                bytes += Files.size(f);
                String id = f.getFileName().toString();
                for (String para : text.split("\n\\s*\n")) {
                    if (para.isBlank()) continue;
                    Document d = new Document();
                    d.add(new StringField("episode", id, Field.Store.YES));
                    d.add(new TextField("text", para, Field.Store.NO));
                    writer.addDocument(d);
                    paragraphs++;
                }
            }
            writer.commit();
        }
        return new Result(files.size(), paragraphs, bytes);
    }
}

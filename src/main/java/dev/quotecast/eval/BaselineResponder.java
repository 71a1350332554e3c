package dev.quotecast.eval;

import dev.quotecast.transcript.Episode;
import dev.quotecast.transcript.Sentence;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.ByteBuffersDirectory;

/**
 * The reference point: what a plain Lucene set-up answers. One document per transcript paragraph,
 * {@link StandardAnalyzer}, BM25 (Lucene's default), the user's words OR-ed as term queries (what
 * {@code QueryParser.parse(QueryParser.escape(q))} builds with the default OR operator), and the top
 * paragraph as the answer. It never says "no answer".
 */
public final class BaselineResponder implements Responder, Closeable {

    private static final String TEXT = "text";
    private static final String EPISODE = "episode";

    private final StandardAnalyzer analyzer = new StandardAnalyzer();
    private final ByteBuffersDirectory dir = new ByteBuffersDirectory();
    private final DirectoryReader reader;
    private final IndexSearcher searcher;
    private final long bytesIndexed;

    public BaselineResponder(Collection<Episode> episodes) {
        long bytes = 0;
        try (IndexWriter w = new IndexWriter(dir, new IndexWriterConfig(analyzer).setRAMBufferSizeMB(64))) {
            for (Episode e : episodes) {
                for (String p : paragraphs(e)) {
                    Document d = new Document();
                    d.add(new StoredField(EPISODE, e.id()));
                    d.add(new TextField(TEXT, p, Field.Store.YES));
                    w.addDocument(d);
                    bytes += p.length();
                }
            }
            w.commit();
            reader = DirectoryReader.open(dir);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        searcher = new IndexSearcher(reader);
        bytesIndexed = bytes;
    }

    /** Characters of paragraph text indexed, for throughput figures. */
    public long charsIndexed() {
        return bytesIndexed;
    }

    /** The transcript's paragraphs, rebuilt from the sentences' paragraph numbers. */
    static List<String> paragraphs(Episode e) {
        List<String> out = new ArrayList<>();
        StringBuilder sb = new StringBuilder();
        int current = -1;
        for (Sentence s : e.sentences()) {
            if (s.paragraph() != current && sb.length() > 0) {
                out.add(sb.toString());
                sb.setLength(0);
            }
            current = s.paragraph();
            if (sb.length() > 0) sb.append(' ');
            sb.append(s.text());
        }
        if (sb.length() > 0) out.add(sb.toString());
        return out;
    }

    @Override
    public String name() {
        return "baseline";
    }

    @Override
    public List<Passage> answers(String question, int n) {
        return search(question, n);
    }

    @Override
    public Optional<Passage> quote(String topic) {
        return search(topic, 1).stream().findFirst();
    }

    private List<Passage> search(String text, int n) {
        LinkedHashSet<String> terms = new LinkedHashSet<>();
        try (TokenStream ts = analyzer.tokenStream(TEXT, text)) {
            CharTermAttribute t = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken() && terms.size() < IndexSearcher.getMaxClauseCount()) terms.add(t.toString());
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (terms.isEmpty()) return List.of();
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        for (String t : terms) b.add(new TermQuery(new Term(TEXT, t)), BooleanClause.Occur.SHOULD);
        try {
            List<Passage> out = new ArrayList<>();
            var stored = searcher.storedFields();
            for (ScoreDoc d : searcher.search(b.build(), n).scoreDocs) {
                Document doc = stored.document(d.doc);
                out.add(new Passage(doc.get(EPISODE), doc.get(TEXT)));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        reader.close();
        dir.close();
    }
}

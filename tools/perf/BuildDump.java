import dev.quotecast.Engine;
import dev.quotecast.config.BotConfig;
import dev.quotecast.search.Passages;
import dev.quotecast.search.TranscriptIndex;
import dev.quotecast.transcript.Episode;
import java.io.*;
import java.nio.charset.StandardCharsets;
import java.nio.file.*;
import java.security.MessageDigest;
import java.util.*;
import org.apache.lucene.index.*;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;

/** Dump every episode, passage, introduction and the Lucene index's content (order-independent) to OUT. */
public class BuildDump {
    public static void main(String[] a) throws Exception {
        Path index = Path.of(a[0]); Path out = Path.of(a[2]);
        List<Path> inputs = new ArrayList<>();
        for (String l : Files.readAllLines(Path.of(a[1]))) if (!l.isBlank()) inputs.add(Path.of(l.trim()));
        long t0 = System.nanoTime();
        try (Engine engine = Engine.start(BotConfig.defaults().withTranscripts(inputs).withIndexDir(index).withEmbeddings(false));
             PrintWriter w = new PrintWriter(Files.newBufferedWriter(out.resolveSibling(out.getFileName() + ".episodes"), StandardCharsets.UTF_8))) {
            System.err.printf("start %.2f s, sync %s%n", (System.nanoTime() - t0) / 1e9, engine.lastSync());
            for (Episode e : engine.content().corpus().episodes()) {
                w.println(e.toString());
                for (Passages.Window p : Passages.of(e)) w.println(p);
                w.println("INTRO " + TranscriptIndex.introduction(e));
            }
        }
        try (FSDirectory dir = FSDirectory.open(index); DirectoryReader r = DirectoryReader.open(dir);
             PrintWriter w = new PrintWriter(Files.newBufferedWriter(out.resolveSibling(out.getFileName() + ".lucene"), StandardCharsets.UTF_8))) {
            w.println("maxDoc " + r.maxDoc() + " numDocs " + r.numDocs());
            // a key per document: stored fields
            String[][] keys = new String[r.leaves().size()][];
            for (LeafReaderContext c : r.leaves()) {
                LeafReader lr = c.reader(); StoredFields sf = lr.storedFields();
                String[] k = new String[lr.maxDoc()];
                NumericDocValues norms = lr.getNormValues("text");
                List<String> lines = new ArrayList<>();
                for (int d = 0; d < lr.maxDoc(); d++) {
                    var doc = sf.document(d);
                    StringBuilder sb = new StringBuilder();
                    for (var f : doc.getFields()) sb.append(f.name()).append('=').append(f.stringValue() != null ? f.stringValue() : String.valueOf(f.numericValue())).append(';');
                    k[d] = sb.toString();
                }
                keys[c.ord] = k;
            }
            List<String> docs = new ArrayList<>();
            for (LeafReaderContext c : r.leaves()) {
                LeafReader lr = c.reader();
                Map<String, NumericDocValues> nv = new TreeMap<>();
                StringBuilder dump = new StringBuilder();
                for (FieldInfo fi : lr.getFieldInfos()) if (fi.hasNorms()) nv.put(fi.name, lr.getNormValues(fi.name));
                for (int d = 0; d < lr.maxDoc(); d++) {
                    StringBuilder sb = new StringBuilder(keys[c.ord][d]);
                    for (var e : nv.entrySet()) if (e.getValue() != null && e.getValue().advanceExact(d)) sb.append(" norm.").append(e.getKey()).append('=').append(e.getValue().longValue());
                    docs.add(sb.toString());
                }
            }
            Collections.sort(docs);
            for (String d : docs) w.println("DOC " + d);
            Set<String> fields = new TreeSet<>();
            for (LeafReaderContext c : r.leaves()) for (FieldInfo fi : c.reader().getFieldInfos()) fields.add(fi.name + " " + fi.getIndexOptions());
            for (String f : fields) w.println("FIELD " + f);
            for (String f : new TreeSet<>(FieldInfos.getIndexedFields(r))) {
                Terms t = MultiTerms.getTerms(r, f);
                w.println("STATS " + f + " docCount=" + t.getDocCount() + " sumDF=" + t.getSumDocFreq() + " sumTTF=" + t.getSumTotalTermFreq());
                // per term: df, ttf and an order-independent hash of (document key, positions)
                TreeMap<String, long[]> per = new TreeMap<>();
                for (LeafReaderContext c : r.leaves()) {
                    Terms lt = c.reader().terms(f); if (lt == null) continue;
                    TermsEnum te = lt.iterator(); BytesRef b; PostingsEnum pe = null;
                    while ((b = te.next()) != null) {
                        long[] v = per.computeIfAbsent(b.utf8ToString(), x -> new long[3]);
                        v[0] += te.docFreq(); v[1] += te.totalTermFreq();
                        pe = te.postings(pe, PostingsEnum.POSITIONS);
                        int d;
                        while ((d = pe.nextDoc()) != DocIdSetIterator.NO_MORE_DOCS) {
                            long h = keys[c.ord][d].hashCode() * 1_000_003L + pe.freq();
                            for (int i = 0; i < pe.freq(); i++) h = h * 31 + pe.nextPosition();
                            v[2] += h * 0x9E3779B97F4A7C15L;
                        }
                    }
                }
                for (var e : per.entrySet()) w.println("T " + f + " " + e.getKey() + " " + e.getValue()[0] + " " + e.getValue()[1] + " " + Long.toHexString(e.getValue()[2]));
            }
        }
        System.exit(0);
    }
}

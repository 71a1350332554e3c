package dev.quotecast.transcript;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Parsed episodes kept on disk next to the persisted index, so that a restart with unchanged
 * transcripts reads sentences back instead of splitting, timing and classifying them again: at
 * 1,000 episodes parsing was nearly all of a warm start.
 *
 * <p>An entry is valid for the exact content it came from (a SHA-256 of every file the episode
 * was read from: its transcript, the timed file that gave its times, its {@code .meta.yml} and its
 * folder's {@code show.yml}; an edit that keeps the size and puts the old modification time back
 * is still a different key) and for the exact parser that wrote it: the key includes a fingerprint of the
 * parsing classes' bytecode, so a new build never serves sentences split by an old one. Each entry
 * ends with a CRC32C of everything before it, checked on every read, so a flipped byte is a miss
 * and never served text. Anything unreadable is a miss, never an error; writes are atomic.
 */
public final class ParseCache {

    private static final Logger log = LoggerFactory.getLogger(ParseCache.class);
    private static final int MAGIC = 0x51435033; // "QCP3": speakers, host, format, warnings and the title's parts

    /** The classes whose code decides what a parse gives. */
    private static final List<Class<?>> PARSER_CLASSES = List.of(TranscriptParser.class, SentenceSplitter.class,
            SponsorDetector.class, EpisodeTitle.class, Text.class, Episode.class, Sentence.class, WebVtt.class,
            VttTimes.class, VttTranscript.class, TimeEstimator.class, TranscriptLibrary.class, ParseCache.class,
            TranscriptReaders.class, TranscriptFormat.class, PlainText.class, SubRip.class, WhisperJson.class, WhisperTsv.class,
            TimedTranscript.class, Segment.class, SpeakerPrefix.class, EpisodeMeta.class);

    private final Path dir;
    private final long fingerprint;
    private final boolean writes;

    private ParseCache(Path dir, boolean writes) {
        this.dir = dir;
        this.writes = writes;
        this.fingerprint = dir == null ? 0 : fingerprint();
    }

    /** A cache in {@code dir}, created when first written. */
    public static ParseCache in(Path dir) {
        return new ParseCache(dir, true);
    }

    /** The cache a bot keeps in {@code dir}, read but never written (a one-shot command beside it). */
    public static ParseCache readOnly(Path dir) {
        return new ParseCache(dir, false);
    }

    /** No cache: every load parses (the index lives in memory, so there is nothing to keep beside it). */
    public static ParseCache none() {
        return new ParseCache(null, false);
    }

    /**
     * The content key of one episode's files (any may be null): what an entry must match. Each
     * part is length-prefixed, so that no two sets of files share a key.
     *
     * @param timedExtension which timed format {@code timed} is (the same bytes read as another format differ)
     */
    static String key(byte[] txt, String timedExtension, byte[] timed, byte[] meta, byte[] show) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (byte[] part : new byte[][] {txt, timedExtension == null ? null : timedExtension.getBytes(StandardCharsets.UTF_8), timed, meta, show}) {
                sha.update(ByteBuffer.allocate(8).putLong(part == null ? -1 : part.length).array());
                if (part != null) sha.update(part);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    Optional<Episode> get(TranscriptLibrary.Unit unit, String key) {
        if (dir == null) return Optional.empty();
        Path file = fileFor(unit);
        if (!Files.isRegularFile(file)) return Optional.empty();
        try {
            byte[] all = Files.readAllBytes(file);
            // another format (an older build's entry) is a plain miss; only a damaged entry of ours is worth a warning
            if (all.length < 12 || ByteBuffer.wrap(all, 0, 4).getInt() != MAGIC) return Optional.empty();
            CRC32C crc = new CRC32C();
            crc.update(all, 0, all.length - 8);
            if (crc.getValue() != ByteBuffer.wrap(all, all.length - 8, 8).getLong()) {
                log.warn("parse cache entry {} is damaged (checksum mismatch); parsing the transcript again", Text.escape(file.toString()));
                return Optional.empty();
            }
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(all, 0, all.length - 8));
            if (in.readInt() != MAGIC || in.readLong() != fingerprint || !in.readUTF().equals(key)) return Optional.empty();
            String id = in.readUTF();
            EpisodeTitle title = new EpisodeTitle(in.readUTF(), optional(in.readUTF()), optional(in.readUTF()), optional(in.readUTF()),
                    in.readBoolean() ? in.readInt() : null);
            String date = in.readUTF();
            long millis = in.readLong();
            String url = in.readUTF();
            boolean estimated = in.readBoolean();
            String source = in.readUTF();
            String checksum = in.readUTF();
            String host = optional(in.readUTF());
            String format = in.readUTF();
            List<String> warnings = new ArrayList<>();
            for (int w = in.readInt(); w > 0; w--) warnings.add(in.readUTF());
            int n = in.readInt();
            Sentence.Role[] roles = Sentence.Role.values();
            List<Sentence> sentences = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                byte[] text = new byte[in.readInt()];
                in.readFully(text);
                sentences.add(new Sentence(i, new String(text, StandardCharsets.UTF_8), in.readInt(), in.readInt(), in.readInt(),
                        roles[in.readByte()], in.readInt(), in.readBoolean() ? in.readUTF() : null));
            }
            return Optional.of(new Episode(id, title, date.isEmpty() ? null : LocalDate.parse(date),
                    Duration.ofMillis(millis), url.isEmpty() ? null : url, sentences, estimated, Path.of(source), checksum, host, format,
                    warnings));
        } catch (IOException | RuntimeException e) {
            log.debug("parse cache entry {} unusable ({}); parsing instead", file, e.toString());
            return Optional.empty();
        }
    }

    void put(TranscriptLibrary.Unit unit, String key, Episode e) {
        if (dir == null || !writes) return;
        Path file = fileFor(unit);
        try {
            Files.createDirectories(dir);
            EntryBytes bytes = new EntryBytes(1 << 16);
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                out.writeInt(MAGIC);
                out.writeLong(fingerprint);
                out.writeUTF(key);
                out.writeUTF(e.id());
                EpisodeTitle t = e.title();
                out.writeUTF(t.full());
                out.writeUTF(orEmpty(t.guest()));
                out.writeUTF(orEmpty(t.topic()));
                out.writeUTF(orEmpty(t.show()));
                out.writeBoolean(t.number() != null);
                if (t.number() != null) out.writeInt(t.number());
                out.writeUTF(e.date() == null ? "" : e.date().toString());
                out.writeLong(e.duration().toMillis()); // a timed file's duration has milliseconds: a warm start must give the cold one's
                out.writeUTF(e.url() == null ? "" : e.url());
                out.writeBoolean(e.timesEstimated());
                out.writeUTF(String.valueOf(e.source()));
                out.writeUTF(e.checksum());
                out.writeUTF(orEmpty(e.host()));
                out.writeUTF(orEmpty(e.format()));
                out.writeInt(e.warnings().size());
                for (String w : e.warnings()) out.writeUTF(w);
                out.writeInt(e.sentences().size());
                for (Sentence s : e.sentences()) {
                    byte[] text = s.text().getBytes(StandardCharsets.UTF_8);
                    out.writeInt(text.length);
                    out.write(text);
                    out.writeInt(s.paragraph());
                    out.writeInt(s.wordOffset());
                    out.writeInt(s.startSeconds());
                    out.writeByte(s.role().ordinal());
                    out.writeInt(s.wordCount());
                    out.writeBoolean(s.speaker() != null);
                    if (s.speaker() != null) out.writeUTF(s.speaker());
                }
                CRC32C crc = new CRC32C();
                crc.update(bytes.buffer(), 0, bytes.size());
                out.writeLong(crc.getValue());
            }
            Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
            Files.write(tmp, bytes.toByteArray());
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException ex) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | RuntimeException ex) {
            log.debug("cannot write parse cache entry {} ({})", file, ex.toString());
        }
    }

    private Path fileFor(TranscriptLibrary.Unit unit) {
        StringBuilder key = new StringBuilder();
        for (Path p : unit.files()) key.append(p.toAbsolutePath()).append('|');
        CRC32C crc = new CRC32C();
        crc.update(key.toString().getBytes(StandardCharsets.UTF_8));
        String name = TranscriptParser.idOf(unit.key()).replaceAll("[^A-Za-z0-9._-]", "_");
        return dir.resolve(name.substring(0, Math.min(80, name.length())) + "-" + Long.toHexString(crc.getValue()) + ".parsed");
    }

    /**
     * What {@link ByteArrayOutputStream} does, without its lock on every byte: {@link DataOutputStream}
     * writes each int as four single-byte writes, five ints per sentence, and taking the lock for
     * each was most of writing the cache (3% of a cold build at 1,000 episodes in a JFR profile).
     */
    private static final class EntryBytes extends java.io.OutputStream {
        private byte[] buf;
        private int size;

        EntryBytes(int capacity) {
            buf = new byte[capacity];
        }

        @Override
        public void write(int b) {
            if (size == buf.length) buf = java.util.Arrays.copyOf(buf, buf.length * 2);
            buf[size++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            java.util.Objects.checkFromIndexSize(off, len, b.length);
            if (size + len > buf.length) buf = java.util.Arrays.copyOf(buf, Math.max(buf.length * 2, size + len));
            System.arraycopy(b, off, buf, size, len);
            size += len;
        }

        byte[] buffer() {
            return buf;
        }

        int size() {
            return size;
        }

        byte[] toByteArray() {
            return java.util.Arrays.copyOf(buf, size);
        }
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    private static String optional(String s) {
        return s.isEmpty() ? null : s;
    }

    private static long fingerprint() {
        CRC32C crc = new CRC32C();
        for (Class<?> c : PARSER_CLASSES) {
            try (InputStream in = c.getResourceAsStream(c.getSimpleName() + ".class")) {
                if (in != null) crc.update(in.readAllBytes());
            } catch (IOException e) {
                return System.nanoTime(); // unknown code: never match an old entry
            }
        }
        return crc.getValue();
    }
}

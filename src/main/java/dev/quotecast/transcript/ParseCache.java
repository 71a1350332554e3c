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
 * <p>An entry is valid for the exact content it came from (a SHA-256 of the {@code .txt} and its
 * {@code .vtt}: an edit that keeps the size and puts the old modification time back is still a
 * different key) and for the exact parser that wrote it: the key includes a fingerprint of the
 * parsing classes' bytecode, so a new build never serves sentences split by an old one. Each entry
 * ends with a CRC32C of everything before it, checked on every read, so a flipped byte is a miss
 * and never served text. Anything unreadable is a miss, never an error; writes are atomic.
 */
public final class ParseCache {

    private static final Logger log = LoggerFactory.getLogger(ParseCache.class);
    private static final int MAGIC = 0x51435032; // "QCP2": content-keyed entries with a checksum

    /** The classes whose code decides what a parse gives. */
    private static final List<Class<?>> PARSER_CLASSES = List.of(TranscriptParser.class, SentenceSplitter.class,
            SponsorDetector.class, EpisodeTitle.class, Text.class, Episode.class, Sentence.class, WebVtt.class,
            VttTimes.class, VttTranscript.class, TimeEstimator.class, TranscriptLibrary.class, ParseCache.class);

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

    /** The content key of one episode's files (either may be null): what an entry must match. */
    static String key(byte[] txt, byte[] vtt) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(txt == null ? new byte[0] : txt);
            sha.update((byte) 0);
            sha.update(vtt == null ? new byte[] {1} : vtt);
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
            String title = in.readUTF();
            String date = in.readUTF();
            long seconds = in.readLong();
            String url = in.readUTF();
            boolean estimated = in.readBoolean();
            String source = in.readUTF();
            String checksum = in.readUTF();
            int n = in.readInt();
            Sentence.Role[] roles = Sentence.Role.values();
            List<Sentence> sentences = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                byte[] text = new byte[in.readInt()];
                in.readFully(text);
                sentences.add(new Sentence(i, new String(text, StandardCharsets.UTF_8), in.readInt(), in.readInt(), in.readInt(),
                        roles[in.readByte()], in.readInt()));
            }
            return Optional.of(new Episode(id, EpisodeTitle.parse(title), date.isEmpty() ? null : LocalDate.parse(date),
                    Duration.ofSeconds(seconds), url.isEmpty() ? null : url, sentences, estimated, Path.of(source), checksum));
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
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 16);
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                out.writeInt(MAGIC);
                out.writeLong(fingerprint);
                out.writeUTF(key);
                out.writeUTF(e.id());
                out.writeUTF(e.title().full());
                out.writeUTF(e.date() == null ? "" : e.date().toString());
                out.writeLong(e.duration().toSeconds());
                out.writeUTF(e.url() == null ? "" : e.url());
                out.writeBoolean(e.timesEstimated());
                out.writeUTF(String.valueOf(e.source()));
                out.writeUTF(e.checksum());
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
                }
                CRC32C crc = new CRC32C();
                crc.update(bytes.toByteArray());
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
        Path any = unit.txt() != null ? unit.txt() : unit.vtt();
        String key = String.valueOf(unit.txt() == null ? "" : unit.txt().toAbsolutePath()) + "|" + (unit.vtt() == null ? "" : unit.vtt().toAbsolutePath());
        CRC32C crc = new CRC32C();
        crc.update(key.getBytes(StandardCharsets.UTF_8));
        String name = TranscriptParser.idOf(any).replaceAll("[^A-Za-z0-9._-]", "_");
        return dir.resolve(name.substring(0, Math.min(80, name.length())) + "-" + Long.toHexString(crc.getValue()) + ".parsed");
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

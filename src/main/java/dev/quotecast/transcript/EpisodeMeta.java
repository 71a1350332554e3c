package dev.quotecast.transcript;

import java.io.StringReader;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import dev.quotecast.config.StrictYaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * What an episode's sidecar {@code NAME.meta.yml}, or its folder's {@code show.yml}, says about
 * it: the metadata a format lacks (an SRT has no title, a Whisper JSON no date), who the host is,
 * and the names behind diarization labels ({@code speakers: { SPEAKER_00: Lex Fridman }}).
 *
 * <p>The two files have the same keys. For each one, the sidecar wins (it is about this episode
 * alone), then what the transcript itself says (the seed's title and date), then {@code show.yml}
 * (what every episode of the folder shares: the show, the host). A key Quotecast does not know,
 * a date that is not YYYY-MM-DD, a link that is not http(s) are errors with their line: a typo
 * silently ignored would credit the host's words to the guest.
 *
 * @param speakers diarization label to name; empty when none are named
 */
public record EpisodeMeta(String title, LocalDate date, String url, String show, Integer number, String guest, String host,
                          Map<String, String> speakers) {

    /** Nothing said. */
    public static final EpisodeMeta NONE = new EpisodeMeta(null, null, null, null, null, null, null, Map.of());

    /** The keys both files may hold. */
    static final Set<String> KEYS = Set.of("title", "date", "url", "show", "number", "guest", "host", "speakers");

    /** Labels a diarizer gives ({@code SPEAKER_00}) and the {@code Speaker 2} of transcription services: not a person's name. */
    static final Pattern LABEL = Pattern.compile("(?i)^(?:SPEAKER_?\\d{1,3}|Speaker \\d{1,3})$");

    private static final int MAX_VALUE = 500;

    public EpisodeMeta {
        speakers = Collections.unmodifiableMap(new LinkedHashMap<>(speakers));
    }

    /** True when a speaker name is only a label, nobody's name. */
    public static boolean isLabel(String speaker) {
        return speaker != null && LABEL.matcher(speaker).matches();
    }

    /** Reads a {@code .meta.yml} or {@code show.yml}; an empty file says nothing. */
    static EpisodeMeta read(Path file, byte[] bytes) throws MalformedTranscript {
        String text;
        try {
            text = TranscriptParser.decode(bytes);
        } catch (TranscriptParser.BadEncoding e) {
            throw new MalformedTranscript(file, e.line, e.reason());
        }
        Node root;
        try {
            root = StrictYaml.compose(new StringReader(Text.withoutControls(text)));
        } catch (MarkedYAMLException e) {
            throw new MalformedTranscript(file, e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1,
                    "not valid YAML: " + e.getProblem() + " (a value with ': ' in it needs quotes)");
        } catch (YAMLException e) {
            throw new MalformedTranscript(file, 0, "not valid YAML: " + e.getMessage());
        }
        if (root == null) return NONE;
        Map<String, Node> keys = mapping(file, root, "");
        String title = string(file, keys.get("title"), "title");
        String dateText = string(file, keys.get("date"), "date");
        LocalDate date = null;
        if (dateText != null) {
            try {
                date = LocalDate.parse(dateText);
            } catch (DateTimeParseException e) {
                throw new MalformedTranscript(file, line(keys.get("date")), "date: '" + abbreviate(dateText) + "' is not a date YYYY-MM-DD");
            }
        }
        String url = string(file, keys.get("url"), "url");
        if (url != null && !Episode.isWebUrl(url)) {
            throw new MalformedTranscript(file, line(keys.get("url")), "url: '" + abbreviate(url) + "' is not an http(s) link");
        }
        String numberText = string(file, keys.get("number"), "number");
        Integer number = null;
        if (numberText != null) {
            if (!numberText.matches("#?\\d{1,6}")) {
                throw new MalformedTranscript(file, line(keys.get("number")), "number: '" + abbreviate(numberText) + "' is not an episode number");
            }
            number = Integer.valueOf(numberText.replace("#", ""));
        }
        Map<String, String> speakers = new LinkedHashMap<>();
        Node sp = keys.get("speakers");
        if (sp != null && !(sp instanceof ScalarNode s && s.getValue().isEmpty())) {
            for (Map.Entry<String, Node> e : mapping(file, sp, "speakers.").entrySet()) {
                String name = string(file, e.getValue(), "speakers." + e.getKey());
                if (name != null) speakers.put(Text.collapse(e.getKey()), name);
            }
        }
        return new EpisodeMeta(title, date, url, string(file, keys.get("show"), "show"), number, string(file, keys.get("guest"), "guest"),
                string(file, keys.get("host"), "host"), speakers);
    }

    /**
     * The episode with this metadata (the sidecar's) and the folder's laid over what the file says.
     *
     * @param titled whether the file names the episode itself; if neither it nor the metadata
     *     does, the title from its file name stays, with a warning
     * @param sidecar the sidecar's name, for warnings that say where to fix what was guessed
     */
    Episode apply(Episode e, EpisodeMeta folder, boolean titled, String sidecar, String checksum) {
        List<String> warnings = new ArrayList<>(e.warnings());
        String titleText = title != null ? title : titled ? e.title().full() : folder.title;
        EpisodeTitle t = titleText != null ? EpisodeTitle.parse(titleText) : e.title();
        if (titleText == null) {
            warnings.add("no title in the file or its metadata: titled '" + t.full() + "' from the file name (give one with title: in "
                    + sidecar + ")");
        }
        Map<String, String> names = new HashMap<>(folder.speakers);
        names.putAll(speakers);
        List<Sentence> sentences = new ArrayList<>(e.sentences().size());
        Set<String> said = new LinkedHashSet<>();
        for (Sentence s : e.sentences()) {
            String who = s.speaker() == null ? null : names.getOrDefault(s.speaker(), s.speaker());
            if (who != null) said.add(who);
            sentences.add(who == null || who.equals(s.speaker()) ? s : s.withSpeaker(who));
        }
        String hostName = host != null ? host : folder.host;
        if (hostName != null) {
            hostName = names.getOrDefault(hostName, hostName);
            for (String who : said) if (who.equalsIgnoreCase(Text.collapse(hostName))) hostName = who;
            if (!said.isEmpty() && !said.contains(hostName)) {
                warnings.add("the host '" + hostName + "' is none of the speakers (" + String.join(", ", said)
                        + "): who is the host is told from the text alone");
            }
        }
        Set<String> unnamed = new TreeSet<>();
        for (String who : said) if (isLabel(who)) unnamed.add(who);
        if (!unnamed.isEmpty()) {
            warnings.add("speakers " + String.join(", ", unnamed) + " are not named: their words are cited as the guest's, or as the host's where the model tells the host's label"
                    + " (name them with speakers: in " + sidecar + ")");
        }
        String guestName = guest != null ? guest : t.guest() != null ? t.guest() : folder.guest;
        if (guestName == null && hostName != null) {
            // an interview's one named speaker besides the host is its guest
            Set<String> others = new LinkedHashSet<>(said);
            others.remove(hostName);
            others.removeIf(EpisodeMeta::isLabel);
            if (others.size() == 1 && said.contains(hostName)) guestName = others.iterator().next();
        }
        EpisodeTitle full = new EpisodeTitle(t.full(), guestName, t.topic(), show != null ? show : t.show() != null ? t.show() : folder.show,
                number != null ? number : t.number() != null ? t.number() : folder.number);
        LocalDate d = date != null ? date : e.date() != null ? e.date() : folder.date;
        String u = url != null ? url : e.url() != null ? e.url() : folder.url;
        return new Episode(e.id(), full, d, e.duration(), u, sentences, e.timesEstimated(), e.source(), checksum, hostName, e.format(), warnings);
    }

    private static Map<String, Node> mapping(Path file, Node n, String prefix) throws MalformedTranscript {
        if (!(n instanceof MappingNode m)) {
            throw new MalformedTranscript(file, line(n), (prefix.isEmpty() ? "" : prefix.substring(0, prefix.length() - 1) + ": ")
                    + "expected keys and values (title: ..., host: ...)");
        }
        Map<String, Node> out = new LinkedHashMap<>();
        Map<String, Integer> lines = new HashMap<>();
        for (NodeTuple t : m.getValue()) {
            if (!(t.getKeyNode() instanceof ScalarNode k)) throw new MalformedTranscript(file, line(t.getKeyNode()), "keys must be plain words");
            String name = k.getValue();
            if (prefix.isEmpty() && !KEYS.contains(name)) {
                throw new MalformedTranscript(file, line(k), "unknown key '" + abbreviate(name) + "' (known: "
                        + String.join(", ", new TreeSet<>(KEYS)) + ")");
            }
            Integer first = lines.putIfAbsent(name, line(k));
            if (first != null) throw new MalformedTranscript(file, line(k), prefix + name + ": duplicate key (first at line " + first + ")");
            out.put(name, t.getValueNode());
        }
        return out;
    }

    private static String string(Path file, Node n, String key) throws MalformedTranscript {
        if (n == null) return null;
        if (!(n instanceof ScalarNode s)) throw new MalformedTranscript(file, line(n), key + ": expected a value");
        String v = Text.collapse(s.getValue());
        if (v.length() > MAX_VALUE) throw new MalformedTranscript(file, line(n), key + ": longer than " + MAX_VALUE + " characters");
        return v.isEmpty() ? null : v;
    }

    private static int line(Node n) {
        return n == null ? 0 : n.getStartMark().getLine() + 1;
    }

    private static String abbreviate(String s) {
        return s.length() > 30 ? s.substring(0, 27) + "..." : s;
    }
}

package dev.quotecast.schedule;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quotecast.config.ConfigLoader;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * Schedules added from chat ({@code daily 09:00 Europe/Berlin}), one per channel, as JSON in the
 * state folder (the file store's form of {@link ChatSchedule}). Config schedules are never written here: they live in {@code bot-config.yml}, so
 * no state file can lose or override them.
 */
final class ScheduleStore {

    static final int VERSION = 1;

    /** The JSON form; every field is checked so a damaged file is caught as a whole. */
    static final class Codec implements StateFile.Codec<List<ChatSchedule>> {
        private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

        @Override
        public List<ChatSchedule> fresh() {
            return new ArrayList<>();
        }

        @Override
        public List<ChatSchedule> read(byte[] bytes) throws IOException, StateFile.PartlyUnreadable {
            JsonNode root = json.readTree(bytes);
            if (root == null || !root.isObject()) throw new IOException("not a JSON object");
            if (root.path("version").asInt(-1) != VERSION) throw new IOException("unknown version " + root.path("version"));
            JsonNode list = root.get("schedules");
            if (list == null || !list.isArray()) throw new IOException("schedules is not a list");
            List<ChatSchedule> out = new ArrayList<>();
            List<String> rejected = new ArrayList<>();
            for (JsonNode n : list) {
                try {
                    out.add(entry(n));
                } catch (IOException | RuntimeException e) {
                    rejected.add(e.getMessage());
                }
            }
            if (!rejected.isEmpty()) throw new StateFile.PartlyUnreadable(out, rejected);
            return out;
        }

        private static ChatSchedule entry(JsonNode n) throws IOException {
            LocalTime at = ConfigLoader.parseTime(text(n, "at"));
            ZoneId zone = ConfigLoader.parseZone(text(n, "zone"));
            if (at == null || zone == null) throw new IOException("bad time or zone in " + n);
            return new ChatSchedule(text(n, "platform"), text(n, "channel"), at, zone, DailyPost.parse(text(n, "post")),
                    n.path("addedBy").asText(""), Instant.parse(text(n, "addedAt")));
        }

        @Override
        public byte[] write(List<ChatSchedule> schedules) throws IOException {
            ObjectNode root = json.createObjectNode();
            root.put("version", VERSION);
            ArrayNode list = root.putArray("schedules");
            for (ChatSchedule s : schedules) {
                ObjectNode n = list.addObject();
                n.put("platform", s.platform());
                n.put("channel", s.channel());
                n.put("at", s.at().toString());
                n.put("zone", s.zone().getId());
                n.put("post", s.post().spec());
                n.put("addedBy", s.addedBy());
                n.put("addedAt", s.addedAt().toString());
            }
            return json.writeValueAsBytes(root);
        }

        private static String text(JsonNode n, String field) throws IOException {
            JsonNode v = n.get(field);
            if (v == null || !v.isTextual() || v.asText().isBlank()) throw new IOException("missing " + field + " in " + n);
            return v.asText();
        }
    }
}

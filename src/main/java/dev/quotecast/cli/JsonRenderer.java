package dev.quotecast.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quotecast.bot.Reply;
import dev.quotecast.content.Moment;
import dev.quotecast.content.Quote;
import dev.quotecast.transcript.Episode;

/**
 * The JSON contract of {@code --json} (README.md, "JSON output"): evaluation and benchmarks read it, so its shape
 * is stable. One object per reply:
 * {@code {"query","command","answered","results":[{"text","highlight","episode":{...},"startSeconds",
 * "timeIsEstimate","link","score"}]}}.
 */
public final class JsonRenderer {

    private final ObjectMapper mapper = new ObjectMapper();

    public String render(String query, Reply reply) {
        ObjectNode root = mapper.createObjectNode();
        root.put("query", query);
        root.put("command", reply.command());
        root.put("answered", !(reply instanceof Reply.NotFound || reply instanceof Reply.Error));
        ArrayNode results = mapper.createArrayNode();
        if (reply instanceof Reply.QuoteReply q) {
            results.add(result(q.quote().moment(), q.quote().moment(), q.quote().score()));
        } else if (reply instanceof Reply.AdviceReply a) {
            root.put("date", a.date().toString());
            results.add(result(a.advice().moment(), a.advice().moment(), a.advice().score()));
        } else if (reply instanceof Reply.AnswerReply a) {
            results.add(result(a.answer().passage(), a.answer().highlight(), a.answer().score()));
        } else if (reply instanceof Reply.ContextReply c) {
            results.add(result(c.context(), c.focus(), 0));
        } else if (reply instanceof Reply.EpisodeReply e) {
            ObjectNode ep = episode(e.card().episode());
            ep.put("durationSeconds", e.card().episode().duration().toSeconds());
            root.set("episode", ep);
            ArrayNode summary = root.putArray("summary");
            for (Moment m : e.card().summary()) summary.add(result(m, m, 0));
            ArrayNode topics = root.putArray("topics");
            e.card().topics().forEach(topics::add);
            for (Quote q : e.card().quotes()) results.add(result(q.moment(), q.moment(), q.score()));
        } else if (reply instanceof Reply.Help h) {
            ArrayNode usage = root.putArray("usage");
            for (Reply.Help.Usage u : h.entries()) usage.addObject().put("syntax", u.syntax()).put("description", u.description());
        } else if (reply instanceof Reply.Info i) {
            root.put("message", i.message());
        } else if (reply instanceof Reply.NotFound n) {
            root.put("message", n.message());
        } else if (reply instanceof Reply.Error e) {
            root.put("error", e.kind().name().toLowerCase());
            root.put("message", e.message());
        }
        root.set("results", results);
        try {
            return mapper.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The answer to a blank batch line: nothing asked, nothing answered, so that output line N still answers input line N. */
    public String empty(String query, String command) {
        ObjectNode root = mapper.createObjectNode();
        root.put("query", query);
        root.put("command", command);
        root.put("answered", false);
        root.putArray("results");
        return root.toString();
    }

    private ObjectNode result(Moment passage, Moment highlight, double score) {
        ObjectNode r = mapper.createObjectNode();
        r.put("text", passage.text());
        r.put("highlight", highlight.text());
        // who says the highlight: the speaker the transcript names, else the guest (null when the episode names none)
        r.put("speaker", highlight.speaker() != null ? highlight.speaker() : passage.episode().title().guest());
        r.set("episode", episode(passage.episode()));
        r.put("startSeconds", highlight.startSeconds());
        r.put("timeIsEstimate", highlight.timeIsEstimate());
        r.put("link", highlight.link());
        r.put("score", Math.round(score * 1000) / 1000.0);
        return r;
    }

    private ObjectNode episode(Episode e) {
        ObjectNode ep = mapper.createObjectNode();
        ep.put("id", e.id());
        ep.put("title", e.title().full());
        ep.put("show", e.title().show());
        if (e.title().number() == null) ep.putNull("number"); else ep.put("number", e.title().number());
        ep.put("guest", e.title().guest());
        ep.put("date", e.date() == null ? null : e.date().toString());
        ep.put("url", e.url());
        return ep;
    }
}

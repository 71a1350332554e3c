package dev.quotecast.ops;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Takes secrets out of log text. Our own code never logs a token, but libraries may log a URL or a
 * header that carries one (Discord interaction and webhook URLs, Slack {@code response_url}s,
 * {@code Authorization} headers), and an exception message may quote one. So every log line
 * passes through here: token shapes are masked, and so is every configured secret verbatim
 * (a signing secret has no recognisable shape).
 */
public final class Redactor {

    static final String MASK = "[redacted]";

    private record Rule(Pattern pattern, String replacement) {}

    private static final List<Rule> RULES = List.of(
            // Slack bot, user, app and refresh tokens
            new Rule(Pattern.compile("\\bxox[a-z]-[A-Za-z0-9-]{6,}"), MASK),
            new Rule(Pattern.compile("\\bxapp-[A-Za-z0-9-]{6,}"), MASK),
            new Rule(Pattern.compile("\\bxoxe\\.xox[a-z]-[A-Za-z0-9.-]{6,}"), MASK),
            // Discord bot tokens: base64 user id . timestamp . hmac
            new Rule(Pattern.compile("\\b[A-Za-z0-9_-]{20,30}\\.[A-Za-z0-9_-]{5,8}\\.[A-Za-z0-9_-]{25,}"), MASK),
            // URLs whose path carries a token
            new Rule(Pattern.compile("(/(?:interactions|webhooks)/\\d+/)[^/\\s?\"']+"), "$1" + MASK),
            new Rule(Pattern.compile("(hooks\\.slack(?:-gov)?\\.com/)[^\\s\"']+"), "$1" + MASK),
            // headers and key=value pairs that name what they hold
            new Rule(Pattern.compile("(?i)\\b(authorization\\s*[:=]\\s*)(?:(?:Bot|Bearer|Basic)\\s+)?[^\\s,;\"']+"), "$1" + MASK),
            new Rule(Pattern.compile("(?i)\\b((?:bot|app|access|refresh)?_?token|signing_?secret|client_?secret|password)(\"?\\s*[:=]\\s*\"?)[^\\s,;\"'&]{4,}"), "$1$2" + MASK));

    private final Set<String> secrets = new CopyOnWriteArraySet<>();

    /** Masks these exact values too (configured tokens and secrets); blank and very short ones are ignored. */
    public void addSecrets(Collection<String> values) {
        for (String v : values) if (v != null && v.strip().length() >= 6) secrets.add(v.strip());
    }

    public String redact(String text) {
        if (text == null || text.isEmpty()) return text;
        String out = text;
        for (String s : secrets) {
            if (out.contains(s)) out = out.replace(s, MASK);
        }
        for (Rule r : RULES) {
            Matcher m = r.pattern().matcher(out);
            if (m.find()) out = m.replaceAll(r.replacement());
        }
        return out;
    }
}

package dev.quotecast.slack;

import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Slack's OAuth v2 install of a distributed app, played against a running bot for tests: the
 * browser opens {@code /slack/install} (and keeps its cookie), "approves" on Slack (the fake hands
 * out a code for the workspace), and comes back to {@code /slack/oauth_redirect} with the code and
 * the state, on the same bot or on another replica.
 */
public final class SlackInstallFlow {

    private static final Pattern AUTHORIZE = Pattern.compile("https://slack\\.com/oauth/v2/authorize\\?[^\"'<> ]+");
    private final HttpClient browser = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).connectTimeout(Duration.ofSeconds(3))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    /** What the install page gave the browser. */
    public record Started(HttpResponse<String> page, String authorizeUrl, String state, String cookie) {
        public String param(String name) {
            for (String kv : authorizeUrl.substring(authorizeUrl.indexOf('?') + 1).split("&")) {
                int eq = kv.indexOf('=');
                if (eq > 0 && kv.substring(0, eq).equals(name)) return URLDecoder.decode(kv.substring(eq + 1).replace("&amp;", ""), StandardCharsets.UTF_8);
            }
            return null;
        }
    }

    /** Opens {@code base/slack/install}: the page with "Add to Slack", its state and cookie. */
    public Started start(URI base) throws Exception {
        HttpResponse<String> page = browser.send(HttpRequest.newBuilder(base.resolve("/slack/install")).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        String url = null;
        Matcher m = AUTHORIZE.matcher(page.body());
        if (m.find()) url = m.group().replace("&amp;", "&");
        else url = page.headers().firstValue("Location").orElse(null);
        String cookie = page.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("slack-app-oauth-state=")).findFirst()
                .map(c -> c.substring(0, c.indexOf(';') < 0 ? c.length() : c.indexOf(';'))).orElse(null);
        Started s = new Started(page, url, null, cookie);
        return new Started(page, url, url == null ? null : s.param("state"), cookie);
    }

    /** Comes back from Slack to {@code base/slack/oauth_redirect} with {@code code} and {@code state}, with the browser's cookie. */
    public HttpResponse<String> finish(URI base, String code, String state, Optional<String> cookie) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve("/slack/oauth_redirect?code=" + code + "&state=" + state))
                .timeout(Duration.ofSeconds(10));
        cookie.ifPresent(c -> b.header("Cookie", c));
        return browser.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The whole install of {@code team}, started on {@code start} and finished on {@code finish}: the redirect's response. */
    public HttpResponse<String> install(FakeSlackApi slack, String team, URI start, URI finish) throws Exception {
        Started s = start(start);
        if (s.state() == null) throw new AssertionError("no authorize URL with a state on the install page: " + s.page().statusCode() + " " + s.page().body());
        return finish(finish, slack.installCode(team), s.state(), Optional.ofNullable(s.cookie()));
    }
}

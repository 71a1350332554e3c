package dev.quotecast.slack;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;

/** Builds the Slack SDK client every part of the adapter shares. */
public final class SlackSdk {
    private SlackSdk() {}

    /**
     * A {@link Slack} whose Web API calls go to {@code apiUrl} ({@code slack.apiUrl}: GovSlack, a
     * proxy, or a test fake). The proxy URL is cleared: the machine's proxy settings would
     * otherwise catch calls that must go straight to {@code apiUrl}; point {@code apiUrl} at the
     * proxy instead. Stats are off: they run a background thread we have no use for.
     */
    public static Slack create(String apiUrl) {
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(apiUrl.endsWith("/") ? apiUrl : apiUrl + "/");
        config.setProxyUrl(null);
        config.setPrettyResponseLoggingEnabled(false);
        config.setStatsEnabled(false);
        config.setHttpClientCallTimeoutMillis(15_000);
        return Slack.getInstance(config);
    }
}

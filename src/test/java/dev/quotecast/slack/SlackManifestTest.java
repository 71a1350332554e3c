package dev.quotecast.slack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** The manifest at the repository root is valid YAML and declares what the bot serves. */
class SlackManifestTest {

    @Test
    @SuppressWarnings("unchecked")
    void declaresCommandsEventsInteractivityAndScopes() throws Exception {
        Map<String, Object> m = new Yaml().load(Files.readString(Path.of("slack-app-manifest.yml")));
        Map<String, Object> features = (Map<String, Object>) m.get("features");
        List<Map<String, Object>> commands = (List<Map<String, Object>>) features.get("slash_commands");
        assertThat(commands).extracting(c -> c.get("command")).containsExactly("/quote", "/advice", "/episode", "/ask");
        assertThat(commands).allSatisfy(c -> assertThat((String) c.get("description")).hasSizeLessThanOrEqualTo(100));
        assertThat((Map<String, Object>) features.get("app_home")).containsEntry("home_tab_enabled", true);

        Map<String, Object> settings = (Map<String, Object>) m.get("settings");
        assertThat((List<String>) ((Map<String, Object>) settings.get("event_subscriptions")).get("bot_events"))
                .containsExactlyInAnyOrder("app_mention", "app_home_opened");
        assertThat((Map<String, Object>) settings.get("interactivity")).containsEntry("is_enabled", true);
        assertThat(settings).containsEntry("socket_mode_enabled", true);

        List<String> scopes = (List<String>) ((Map<String, Object>) ((Map<String, Object>) m.get("oauth_config")).get("scopes")).get("bot");
        // users:read backs the admin check for /quote daily; im:write is not used, so not asked for
        assertThat(scopes).containsExactlyInAnyOrder("commands", "app_mentions:read", "chat:write", "chat:write.public", "users:read");
    }

    /** The distribution manifest: the same commands and scopes, over HTTP, with the OAuth redirect and the uninstall events. */
    @Test
    @SuppressWarnings("unchecked")
    void theDistributionManifestServesTheSameOverHttpWithOAuth() throws Exception {
        Map<String, Object> one = new Yaml().load(Files.readString(Path.of("slack-app-manifest.yml")));
        Map<String, Object> m = new Yaml().load(Files.readString(Path.of("slack-app-manifest-distributed.yml")));
        Map<String, Object> features = (Map<String, Object>) m.get("features");
        List<Map<String, Object>> commands = (List<Map<String, Object>>) features.get("slash_commands");
        assertThat(commands).extracting(c -> c.get("command")).containsExactly("/quote", "/advice", "/episode", "/ask");
        assertThat(commands).allSatisfy(c -> assertThat(c).containsEntry("url", "https://YOUR-HOST/slack/events"));

        Map<String, Object> oauth = (Map<String, Object>) m.get("oauth_config");
        assertThat((List<String>) oauth.get("redirect_urls")).containsExactly("https://YOUR-HOST/slack/oauth_redirect");
        assertThat(oauth.get("scopes")).isEqualTo(((Map<String, Object>) one.get("oauth_config")).get("scopes"));
        assertThat((List<String>) ((Map<String, Object>) oauth.get("scopes")).get("bot"))
                .containsExactlyElementsOf(dev.quotecast.config.BotConfig.Distribution.MANIFEST_SCOPES);

        Map<String, Object> settings = (Map<String, Object>) m.get("settings");
        Map<String, Object> events = (Map<String, Object>) settings.get("event_subscriptions");
        assertThat(events).containsEntry("request_url", "https://YOUR-HOST/slack/events");
        assertThat((List<String>) events.get("bot_events")).containsExactlyInAnyOrder("app_mention", "app_home_opened", "app_uninstalled", "tokens_revoked");
        assertThat((Map<String, Object>) settings.get("interactivity")).containsEntry("request_url", "https://YOUR-HOST/slack/events");
        assertThat(settings).containsEntry("socket_mode_enabled", false);
    }
}

package dev.quotecast.slack;

import com.slack.api.bolt.service.InstallationService;
import com.slack.api.bolt.service.OAuthStateService;

/**
 * Where a distributed Slack app keeps its installs, as Bolt's own ports: each workspace's bot
 * token ({@link InstallationService}, which Bolt asks for on every request and updates on
 * {@code app_uninstalled} and {@code tokens_revoked}), and the OAuth {@code state} values handed
 * out by {@code /slack/install} and checked at {@code /slack/oauth_redirect}
 * ({@link OAuthStateService}). Files for one process, the shared database for replicas, so that a
 * workspace installed through one replica is answered by any.
 */
public record SlackInstalls(InstallationService installations, OAuthStateService states) {}

package dev.quotecast.slack;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.slack.api.Slack;
import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.app_backend.interactive_components.response.ActionResponse;
import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import com.slack.api.app_backend.slash_commands.response.SlashCommandResponse;
import com.slack.api.bolt.App;
import com.slack.api.methods.SlackApiException;
import java.io.IOException;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.context.builtin.SlashCommandContext;
import com.slack.api.bolt.handler.builtin.DefaultUnmatchedRequestHandler;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.request.builtin.SlashCommandRequest;
import com.slack.api.bolt.response.Response;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.response.auth.AuthTestResponse;
import com.slack.api.methods.response.users.UsersInfoResponse;
import com.slack.api.methods.response.views.ViewsPublishResponse;
import com.slack.api.model.event.AppHomeOpenedEvent;
import com.slack.api.model.event.AppMentionEvent;
import com.slack.api.model.view.View;
import com.slack.api.webhook.WebhookResponse;
import dev.quotecast.ChatPlatform;
import dev.quotecast.Engine;
import dev.quotecast.bot.Command;
import dev.quotecast.bot.KeyedSerialExecutor;
import dev.quotecast.bot.Reply;
import dev.quotecast.bot.Request;
import dev.quotecast.config.BotConfig;
import dev.quotecast.content.Quote;
import dev.quotecast.ops.Backoff;
import dev.quotecast.ops.DaemonThreads;
import dev.quotecast.ops.HttpEndpoint;
import dev.quotecast.schedule.Poster;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Quotecast in Slack, on Bolt: the slash commands {@code /quote}, {@code /advice},
 * {@code /episode} and {@code /ask}, {@code app_mention} events, the buttons, and the App Home tab,
 * all served by the engine's shared commands and rendered by {@link BlockKitRenderer}.
 *
 * <p>Slack wants an ack within 3 s. A command whose reply is ready within {@code ackBudget}
 * (2 s by default: the rest is left for the network) is answered in the ack itself; a slower one
 * is acked empty at once and its reply follows through {@code response_url}. Events and button
 * clicks are acked at once and answered afterwards; mentions in one channel are answered one
 * after another, in the order they arrived. A reply Slack refuses with HTTP 429 is sent again
 * after its {@code Retry-After} ({@link RateLimitRetry}). Unknown commands and buttons get a
 * short explanation instead of Bolt's 404.
 *
 * <p>Two sets of threads: {@code workers} only compute the replies that go into acks, and never
 * wait on anything outgoing; {@link SlackCalls} does everything after an ack (Web API calls,
 * {@code response_url} posts) and waits out rate limits on a timer, so a reply held back by Slack
 * cannot delay anybody's ack.
 *
 * <p>Transport: Socket Mode when {@code slack.appToken} is set (no public URL needed; Quotecast's
 * own client, {@link SlackSocketMode}, which reconnects until connected and acks each envelope on
 * the connection it came on); otherwise HTTP at {@value #EVENTS_PATH} on the bot's HTTP port, every
 * request verified with the signing secret.
 */
public final class SlackBot implements ChatPlatform {

    private static final Logger log = LoggerFactory.getLogger(SlackBot.class);

    public static final String EVENTS_PATH = "/slack/events";
    public static final Duration DEFAULT_ACK_BUDGET = Duration.ofSeconds(2);
    public static final String PLATFORM = "slack";
    /** Mentions one channel may have waiting for their answer; more are dropped (and logged). */
    public static final int MENTIONS_WAITING_PER_CHANNEL = 100;
    /** Rate-limited replies that may wait for their retry at once; a 429 beyond that is given up. */
    static final int MAX_WAITING_RETRIES = 1_000;

    private final Engine engine;
    private final BotConfig.Slack config;
    private final Function<Request, Reply> handler;
    private final Duration ackBudget;
    private final BlockKitRenderer renderer = new BlockKitRenderer();
    private final Slack slack;
    private final MethodsClient api;
    private final App app;
    /** Computes the replies that go into acks; never makes or waits on an outgoing call. */
    private final ExecutorService workers;
    /** Everything after an ack: outgoing calls, and rate-limited ones waiting for their retry. */
    private final SlackCalls calls;
    /** Mention replies, one channel at a time in the order the mentions arrived. */
    private final KeyedSerialExecutor mentionsByChannel;
    private final RateLimitRetry retry = RateLimitRetry.defaults();
    private final SeenEvents delivered;
    /** A distributed app's installs; null for one workspace. */
    private final SlackInstalls installs;
    private final Cache<String, Boolean> workspaceAdmins = Caffeine.newBuilder().expireAfterWrite(Duration.ofMinutes(10)).maximumSize(10_000).build();
    private HttpEndpoint http;
    private boolean ownsHttp;
    private SlackSocketMode socketMode;
    private volatile boolean started;
    private volatile boolean authenticated;

    /** Replies from {@code engine.commands()}; event ids in memory and installs in files (one process). */
    public SlackBot(Engine engine, HttpEndpoint http) {
        this(engine, http, engine.commands()::handle, DEFAULT_ACK_BUDGET);
    }

    /** The production wiring: replies from {@code engine.commands()}, state from the state store. */
    public SlackBot(Engine engine, HttpEndpoint http, SlackState state) {
        this(engine, http, engine.commands()::handle, DEFAULT_ACK_BUDGET, state);
    }

    public SlackBot(Engine engine, HttpEndpoint http, Function<Request, Reply> handler, Duration ackBudget) {
        this(engine, http, handler, ackBudget, SlackState.local(engine.config().stateDir()));
    }

    /**
     * @param http where HTTP mode mounts {@value #EVENTS_PATH}; null: the bot opens its own on
     *     {@code http.port} (ignored in Socket Mode)
     * @param handler serves a request; {@code engine.commands()::handle} unless a test wraps it
     * @param ackBudget how long a slash command may take before the reply goes through {@code response_url}
     */
    public SlackBot(Engine engine, HttpEndpoint http, Function<Request, Reply> handler, Duration ackBudget, SlackState state) {
        this.engine = engine;
        this.config = engine.config().slack();
        if (!config.enabled()) throw new IllegalArgumentException("slack.botToken is not set");
        this.http = http;
        this.handler = handler;
        this.ackBudget = ackBudget;
        this.delivered = state.events();
        this.slack = SlackSdk.create(config.apiUrl());
        this.api = config.distributed() ? null : slack.methods(config.botToken());
        this.workers = Executors.newFixedThreadPool(8, DaemonThreads.numbered("slack-worker"));
        this.calls = new SlackCalls(retry, 8, MAX_WAITING_RETRIES);
        this.mentionsByChannel = new KeyedSerialExecutor(calls.executor(), MENTIONS_WAITING_PER_CHANNEL);
        AppConfig.AppConfigBuilder settings = AppConfig.builder()
                .slack(slack)
                .unmatchedRequestHandler(this::unmatched)
                .signingSecret(config.signingSecret())
                .requestVerificationEnabled(!config.socketMode())
                .authTestCacheEnabled(true);
        if (config.distributed()) {
            BotConfig.Distribution d = config.distribution();
            settings.singleTeamBotToken(null).clientId(d.clientId()).clientSecret(d.clientSecret()).redirectUri(d.redirectUri())
                    .scope(String.join(",", d.scopes())).oauthInstallPath(SlackOAuthHandler.INSTALL_PATH)
                    .oauthRedirectUriPath(SlackOAuthHandler.REDIRECT_PATH);
        } else {
            settings.singleTeamBotToken(config.botToken());
        }
        AppConfig appConfig = settings.build();
        this.app = new App(appConfig);
        if (config.distributed()) {
            // Bolt's own OAuth: the install page, the state check, oauth.v2.access, a token per workspace on every
            // request, and app_uninstalled / tokens_revoked removing the workspace's installation
            this.installs = state.installs().apply(appConfig);
            this.app.asOAuthApp(true);
            this.app.service(installs.installations());
            this.app.service(installs.states());
            this.app.enableTokenRevocationHandlers();
        } else {
            this.installs = null;
        }
        for (String name : new String[] {"/quote", "/advice", "/episode", "/ask"}) app.command(name, this::slash);
        app.event(AppMentionEvent.class, (payload, ctx) -> {
            String id = payload.getEventId();
            if (!delivered.claim(id)) {
                log.info("ignoring redelivery of event {} (retry {}, reason {})", id, ctx.getRetryNum(), ctx.getRetryReason());
                return ctx.ack();
            }
            AppMentionEvent ev = payload.getEvent();
            try {
                MethodsClient workspace = client(ctx);
                String where = channel(ctx, ev.getChannel());
                // the channel's turn lasts until the reply is delivered, retries included
                mentionsByChannel.executeAsync(where, () -> mention(ev, where, workspace).whenComplete((done, e) -> {
                    if (e != null) {
                        delivered.release(id);
                        log.warn("could not answer mention {}: {}", id, (e instanceof CompletionException ? e.getCause() : e).toString());
                    }
                }));
            } catch (RejectedExecutionException e) {
                // acked all the same: a retry from Slack would only join the same backlog
                log.warn("dropped mention {} in {}: {}", id, ev.getChannel(), e.getMessage());
            }
            return ctx.ack();
        });
        app.event(AppHomeOpenedEvent.class, (payload, ctx) -> {
            AppHomeOpenedEvent ev = payload.getEvent();
            MethodsClient workspace = client(ctx);
            if (ev.getTab() == null || "home".equals(ev.getTab())) calls.executor().execute(() -> publishHome(ev.getUser(), workspace));
            return ctx.ack();
        });
        app.blockAction(BlockKitRenderer.ACTION_ANOTHER, (req, ctx) -> click(req, ctx, BlockKitRenderer.ACTION_ANOTHER));
        app.blockAction(BlockKitRenderer.ACTION_CONTEXT, (req, ctx) -> click(req, ctx, BlockKitRenderer.ACTION_CONTEXT));
        app.blockAction(BlockKitRenderer.ACTION_POST, (req, ctx) -> click(req, ctx, BlockKitRenderer.ACTION_POST));
    }

    @Override
    public String name() {
        return PLATFORM;
    }

    @Override
    public synchronized void start() throws Exception {
        if (started) return;
        // nothing is mounted or connected before Slack answered: a failed start leaves nothing to undo
        if (config.distributed()) {
            authenticated = true;   // each workspace's token is checked when its requests come (auth.test, cached)
        } else {
            checkAuth();
        }
        if (config.socketMode()) {
            app.start();
            // connects in the background and keeps connected; a refused attempt is retried, not fatal
            socketMode = new SlackSocketMode(app, slack.methods(config.appToken()), Backoff.forReconnects());
            socketMode.start();
            log.info("Slack: Socket Mode started");
            if (config.distributed()) mountOAuth();
        } else {
            ensureHttp("Slack HTTP mode needs the HTTP endpoint: set http.port, or set slack.appToken for Socket Mode");
            app.start();
            http.route(EVENTS_PATH, new SlackHttpHandler(app, SlackHttpHandler.DEFAULT_MAX_BODY));
            if (config.distributed()) mountOAuth();
            if (ownsHttp) http.start();
            log.info("Slack: HTTP mode, serving {} on port {}", EVENTS_PATH, http.port());
        }
        started = true;
    }

    private void ensureHttp(String why) {
        if (http != null) return;
        int port = engine.config().http().port();
        if (port < 0) throw new IllegalStateException(why);
        http = new HttpEndpoint(engine.config().http().host(), port);
        ownsHttp = true;
    }

    /** "Add to Slack" and the OAuth redirect, on the HTTP port. */
    private void mountOAuth() {
        boolean start = http == null;
        ensureHttp("Slack OAuth installs need the HTTP endpoint: set http.port");
        SlackOAuthHandler oauth = new SlackOAuthHandler(app);
        http.route(SlackOAuthHandler.INSTALL_PATH, oauth).route(SlackOAuthHandler.REDIRECT_PATH, oauth);
        if (start && config.socketMode()) http.start();
        log.info("Slack: installs into workspaces through OAuth: {} and {} on port {}", SlackOAuthHandler.INSTALL_PATH,
                SlackOAuthHandler.REDIRECT_PATH, http.port());
    }

    /** Signs in with {@code auth.test}; throws when Slack cannot be reached or refuses the token, so that the start is tried again. */
    private void checkAuth() throws IOException {
        AuthTestResponse r;
        try {
            r = api.authTest(b -> b);
        } catch (IOException | SlackApiException e) {
            authenticated = false;
            throw new IOException("Slack's auth.test could not be reached: " + e, e);
        }
        authenticated = r.isOk();
        if (!r.isOk()) throw new IOException("Slack's auth.test refused the bot token: " + r.getError());
        log.info("Slack: signed in as {} in {}", r.getUser(), r.getTeam());
    }

    @Override
    public boolean connected() {
        if (!started) return false;
        if (socketMode != null) return socketMode.connected();
        return authenticated;
    }

    /**
     * How daily posts reach Slack, sharing this bot's client and renderer: with the configured
     * token, or, in a distributed app, with the token of the workspace the channel names.
     */
    public Poster poster() {
        return new SlackPoster(where -> {
            if (!where.qualified()) return Optional.ofNullable(api);
            if (installs == null) return Optional.empty();
            com.slack.api.bolt.model.Bot bot = installs.installations().findBot(where.enterpriseId(), where.teamId());
            return bot == null || bot.getBotAccessToken() == null ? Optional.empty() : Optional.of(slack.methods(bot.getBotAccessToken()));
        }, renderer, retry);
    }

    /** The Web API with the token of the workspace a request came from (one workspace: the configured token). */
    private MethodsClient client(com.slack.api.bolt.context.Context ctx) {
        if (api != null) return api;
        return slack.methods(ctx.getBotToken());
    }

    /**
     * The channel as daily posts name it: its id, or in a distributed app its workspace and id
     * ({@link SlackChannel}), since each workspace is posted to with its own token.
     */
    private String channel(com.slack.api.bolt.context.Context ctx, String channel) {
        if (channel == null || !config.distributed()) return channel;
        return SlackChannel.qualified(ctx.getEnterpriseId(), ctx.getTeamId(), channel);
    }

    /** The Bolt app, for embedding in another server. */
    public App app() {
        return app;
    }

    // ---- slash commands --------------------------------------------------------------------

    private Response slash(SlashCommandRequest req, SlashCommandContext ctx) {
        SlashCommandPayload p = req.getPayload();
        Command command = engine.parser().parseSlash(p.getCommand(), Mrkdwn.unescape(p.getText()));
        MethodsClient workspace = client(ctx);
        String where = channel(ctx, p.getChannelId());
        CompletableFuture<Reply> work = CompletableFuture.supplyAsync(() -> serve(p.getUserId(), where, command, workspace), workers);
        try {
            BlockKitRenderer.Message m = renderer.render(work.get(ackBudget.toMillis(), TimeUnit.MILLISECONDS), BlockKitRenderer.Visibility.PRIVATE);
            return ctx.ack(b -> b.responseType("ephemeral").text(m.text()).blocks(m.blocks()));
        } catch (TimeoutException slow) {
            work.whenCompleteAsync((reply, error) -> {
                Reply r = error == null ? reply : failure(command);
                BlockKitRenderer.Message m = renderer.render(r, BlockKitRenderer.Visibility.PRIVATE);
                try {
                    WebhookResponse w = ctx.respond(SlashCommandResponse.builder().responseType("ephemeral").text(m.text()).blocks(m.blocks()).build());
                    if (w.getCode() != 200) log.warn("response_url refused the late reply: HTTP {}", w.getCode());
                } catch (Exception e) {
                    log.warn("could not deliver a late reply through response_url: {}", e.toString());
                }
            }, calls.executor());
            return ctx.ack();
        } catch (ExecutionException e) {
            log.error("command {} failed", command.name(), e.getCause());
            BlockKitRenderer.Message m = renderer.render(failure(command), BlockKitRenderer.Visibility.PRIVATE);
            return ctx.ack(b -> b.responseType("ephemeral").text(m.text()).blocks(m.blocks()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ctx.ack();
        }
    }

    private static Reply failure(Command command) {
        return new Reply.Error(command.name(), Reply.Error.Kind.INTERNAL, "Something went wrong on my side. Please try again.");
    }

    /** Hands one command to the engine; only {@code daily} needs to know whether the user is an admin. */
    private Reply serve(String user, String channel, Command command, MethodsClient workspace) {
        boolean admin = command instanceof Command.Daily && isAdmin(user, workspace);
        return handler.apply(new Request(PLATFORM, user, channel, command, admin));
    }

    /** Listed in {@code slack.admins}, or a workspace admin or owner according to {@code users.info} (asked with the workspace's token). */
    private boolean isAdmin(String user, MethodsClient workspace) {
        if (user == null) return false;
        if (config.admins().contains(user)) return true;
        Boolean admin = workspaceAdmins.get(user, u -> {
            try {
                UsersInfoResponse r = workspace.usersInfo(b -> b.user(u));
                if (!r.isOk() || r.getUser() == null) {
                    log.warn("users.info refused: {}", r.getError());
                    return null;
                }
                return r.getUser().isAdmin() || r.getUser().isOwner() || r.getUser().isPrimaryOwner();
            } catch (Exception e) {
                log.warn("users.info failed: {}", e.toString());
                return null;
            }
        });
        return Boolean.TRUE.equals(admin);
    }

    /**
     * What Bolt does with a request no handler matches: a slash command this app does not serve
     * (renamed, or configured in the app manifest but not here) or a button from an older version.
     * Bolt's own answer is HTTP 404, which Slack shows the user as a bare failure; this says what
     * to do instead.
     */
    private Response unmatched(com.slack.api.bolt.request.Request<?> request) {
        if (request instanceof SlashCommandRequest s) {
            String name = s.getPayload().getCommand();
            log.info("unknown slash command {}", name);
            BlockKitRenderer.Message m = renderer.render(new Reply.Error("unknown", Reply.Error.Kind.BAD_REQUEST,
                    "I don't know " + name + ". Try /quote help to see what I can do."), BlockKitRenderer.Visibility.PRIVATE);
            return s.getContext().ack(b -> b.responseType("ephemeral").text(m.text()).blocks(m.blocks()));
        }
        if (request instanceof BlockActionRequest b) {
            String ids = b.getPayload().getActions() == null ? "none"
                    : b.getPayload().getActions().stream().map(BlockActionPayload.Action::getActionId).toList().toString();
            log.info("unknown button {}", ids);
            ActionContext ctx = b.getContext();
            calls.executor().execute(() -> {
                try {
                    ctx.respond(ActionResponse.builder().responseType("ephemeral").replaceOriginal(false)
                            .text("That button no longer works. Please run the command again, or try /quote help.").build());
                } catch (Exception e) {
                    log.warn("could not answer a click on an unknown button: {}", e.toString());
                }
            });
            return b.getContext().ack();
        }
        return new DefaultUnmatchedRequestHandler().handle(request);
    }

    // ---- mentions and App Home -----------------------------------------------------------

    /** Answers a mention in its thread; completes when the reply is delivered (after any rate-limit retries) or given up. */
    private CompletableFuture<Void> mention(AppMentionEvent ev, String where, MethodsClient api) {
        BlockKitRenderer.Message m;
        try {
            Reply reply = serve(ev.getUser(), where, engine.parser().parse(Mrkdwn.unescape(ev.getText())), api);
            m = renderer.render(reply, BlockKitRenderer.Visibility.PUBLIC);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        String thread = ev.getThreadTs() != null ? ev.getThreadTs() : ev.getTs();
        return calls.submit("reply to a mention in " + ev.getChannel(), () -> api.chatPostMessage(b -> b.channel(ev.getChannel())
                .threadTs(thread).text(m.text()).blocks(m.blocks()).unfurlLinks(false).unfurlMedia(false)))
                .thenAccept(r -> {
                    if (!r.isOk()) throw new IllegalStateException("chat.postMessage: " + r.getError());
                });
    }

    private void publishHome(String user, MethodsClient api) {
        try {
            Reply advice = handler.apply(new Request(PLATFORM, user, null, new Command.Advice(null, false), false));
            Reply help = handler.apply(new Request(PLATFORM, user, null, new Command.Help(), false));
            View view = View.builder().type("home").blocks(renderer.home(advice, help)).build();
            ViewsPublishResponse r = api.viewsPublish(b -> b.userId(user).view(view));
            if (!r.isOk()) log.warn("views.publish refused: {}", r.getError());
        } catch (Exception e) {
            log.warn("could not publish the App Home: {}", e.toString());
        }
    }

    // ---- buttons ---------------------------------------------------------------------------

    private Response click(BlockActionRequest req, ActionContext ctx, String actionId) {
        BlockActionPayload p = req.getPayload();
        String value = p.getActions() == null ? null : p.getActions().stream()
                .filter(a -> actionId.equals(a.getActionId())).map(BlockActionPayload.Action::getValue).findFirst().orElse(null);
        String user = p.getUser() == null ? null : p.getUser().getId();
        String channel = channel(ctx, p.getChannel() == null ? null : p.getChannel().getId());
        MethodsClient workspace = client(ctx);
        calls.executor().execute(() -> {
            try {
                answerClick(ctx, actionId, ButtonValue.decode(value), user, channel, workspace);
            } catch (Exception e) {
                log.warn("could not answer a click on {}: {}", actionId, e.toString());
            }
        });
        return ctx.ack();
    }

    private void answerClick(ActionContext ctx, String actionId, Optional<ButtonValue> value, String user, String channel,
                             MethodsClient workspace) throws Exception {
        if (value.isEmpty()) {
            ctx.respond(ActionResponse.builder().responseType("ephemeral").replaceOriginal(false)
                    .text("That button no longer works. Please run the command again.").build());
            return;
        }
        ButtonValue v = value.get();
        Reply reply = replay(v, user, channel, workspace);
        boolean failed = reply instanceof Reply.Error || reply instanceof Reply.NotFound;
        if (actionId.equals(BlockKitRenderer.ACTION_POST) && !failed) {
            BlockKitRenderer.Message m = renderer.render(reply, BlockKitRenderer.Visibility.PUBLIC);
            WebhookResponse posted = ctx.respond(ActionResponse.builder().responseType("in_channel").replaceOriginal(false)
                    .text(m.text()).blocks(m.blocks()).build());
            if (posted.getCode() == 200 && v.fromPrivate()) {
                ctx.respond(ActionResponse.builder().deleteOriginal(true).build());
            }
            return;
        }
        BlockKitRenderer.Message m = renderer.render(reply, BlockKitRenderer.Visibility.PRIVATE);
        // "Another" on a private reply turns the page in place; anything else adds a private message.
        boolean replace = actionId.equals(BlockKitRenderer.ACTION_ANOTHER) && v.fromPrivate();
        ctx.respond(ActionResponse.builder().responseType("ephemeral").replaceOriginal(replace).text(m.text()).blocks(m.blocks()).build());
    }

    private Reply replay(ButtonValue v, String user, String channel, MethodsClient workspace) {
        if (v instanceof ButtonValue.Run run) return serve(user, channel, run.command(), workspace);
        ButtonValue.ShowAdvice a = (ButtonValue.ShowAdvice) v;
        return engine.content().moment(a.momentKey())
                .<Reply>map(m -> new Reply.AdviceReply(a.date(), new Quote(m, 0), true))
                .orElseGet(() -> new Reply.NotFound("advice", "", "That advice is no longer in the transcripts."));
    }

    // ---- shutdown ------------------------------------------------------------------------

    @Override
    public synchronized void close() {
        started = false;
        if (socketMode != null) socketMode.close();
        try {
            app.stop();
        } catch (Exception e) {
            log.debug("stopping the Bolt app: {}", e.toString());
        }
        if (ownsHttp && http != null) http.close();
        // replies being computed or sent get a moment to finish, so a restart does not swallow them
        workers.shutdown();
        try {
            if (!workers.awaitTermination(1, TimeUnit.SECONDS)) workers.shutdownNow();
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
        calls.close(Duration.ofSeconds(1));
        try {
            slack.close();
        } catch (Exception e) {
            log.debug("closing the Slack client: {}", e.toString());
        }
    }
}

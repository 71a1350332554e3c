package dev.quotecast.discord;

import dev.quotecast.ChatPlatform;
import dev.quotecast.Engine;
import dev.quotecast.bot.Commands;
import dev.quotecast.bot.KeyedSerialExecutor;
import dev.quotecast.bot.Reply;
import dev.quotecast.bot.Request;
import dev.quotecast.config.BotConfig;
import dev.quotecast.ops.Backoff;
import dev.quotecast.ops.DaemonThreads;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.Map;
import java.util.TreeMap;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.interactions.commands.build.CommandData;
import net.dv8tion.jda.api.requests.GatewayIntent;
import net.dv8tion.jda.api.requests.RestConfig;
import net.dv8tion.jda.api.sharding.DefaultShardManagerBuilder;
import net.dv8tion.jda.api.sharding.ShardManager;
import net.dv8tion.jda.api.utils.MemberCachePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Quotecast on Discord, through JDA: answers mentions and direct messages with the console grammar,
 * serves the slash commands, and sends daily posts through {@link #poster()}.
 *
 * <p>It asks only for GUILD_MESSAGES and DIRECT_MESSAGES: no privileged intent. Discord still sends
 * the content of messages that mention the bot, and of DMs, which is all the bot reads. REST and
 * gateway endpoints come from config ({@code discord.restUrl}, {@code discord.gatewayUrl}), so a
 * rate-limit proxy or a test fake can stand in for Discord.
 *
 * <p>Connections go through JDA's shard manager ({@code discord.shards}): one shard by default, all
 * of Discord's recommendation with {@code total: auto}, or some of them ({@code ids: "0-3"}) when
 * several processes split one bot. Discord sends a guild's events to one shard only, so each
 * process answers the guilds on its shards, registers their slash commands, and sends their daily
 * posts ({@link DiscordPoster#reach}); {@code /healthz} shows each shard.
 */
public final class DiscordBot implements ChatPlatform {

    private static final Logger log = LoggerFactory.getLogger(DiscordBot.class);

    /** Intents the bot needs; none is privileged. */
    static final EnumSet<GatewayIntent> INTENTS = EnumSet.of(GatewayIntent.GUILD_MESSAGES, GatewayIntent.DIRECT_MESSAGES);

    /** An interaction not answered by then is deferred, well inside Discord's 3 s. */
    static final Duration DEFER_AFTER = Duration.ofMillis(1500);
    /** Someone over the rate limit is told at most once in this long (the limiter's own window). */
    static final Duration NOTICE_WINDOW = Duration.ofMinutes(1);
    /** Mentions one channel may have waiting for their answer; more get the "busy" notice. */
    static final int MENTIONS_WAITING_PER_CHANNEL = 100;

    private final Engine engine;
    private final BotConfig.Discord config;
    private final EmbedRenderer renderer;
    private final ThreadPoolExecutor workers;
    /** Mentions, one channel at a time in the order they arrived, so a quick answer cannot overtake a slow one. */
    private final KeyedSerialExecutor mentionsByChannel;
    private final ScheduledExecutorService timers;
    private final CountDownLatch ready = new CountDownLatch(1);
    private final CompletableFuture<Void> commandsRegistered = new CompletableFuture<>();
    private final DiscordListener listener;
    private volatile ShardManager shards;

    /** Long button payloads in this process's memory (one process). */
    public DiscordBot(Engine engine, BotConfig.Discord config) {
        this(engine, config, new MemoryLongButtons());
    }

    /** @param longButtons where button payloads too long for Discord's {@code custom_id} are kept (the state store's) */
    public DiscordBot(Engine engine, BotConfig.Discord config, LongButtons longButtons) {
        this.engine = engine;
        this.config = config;
        ButtonIds buttons = new ButtonIds(longButtons);
        this.renderer = new EmbedRenderer(buttons);
        int threads = Math.max(2, Runtime.getRuntime().availableProcessors());
        this.workers = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(1_000),
                DaemonThreads.numbered("discord-worker"));
        this.workers.allowCoreThreadTimeOut(true);
        this.mentionsByChannel = new KeyedSerialExecutor(workers, MENTIONS_WAITING_PER_CHANNEL);
        this.timers = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("discord-defer-timer"));
        SlashCommands slash = new SlashCommands(engine.parser(), engine.config().limits().maxQueryChars());
        this.listener = new DiscordListener(engine.parser(), engine.content(), slash, renderer, buttons,
                new InteractionResponder(renderer, timers, DEFER_AFTER), new RateLimitNotices(NOTICE_WINDOW), this::handle, this::handleInOrder,
                shard -> onReady(shard, slash.definitions()));
    }

    @Override
    public String name() {
        return "discord";
    }

    /**
     * Logs in (a bad token fails here) and connects the shards in the background, five seconds
     * apart as Discord asks; {@link #awaitReady} waits for their guilds to load. Slash commands are
     * registered as each shard is ready.
     */
    @Override
    public void start() {
        if (shards != null) throw new IllegalStateException("already started");
        BotConfig.Shards which = config.shards();
        DefaultShardManagerBuilder builder = DefaultShardManagerBuilder.createLight(config.token(), INTENTS)
                .setMemberCachePolicy(MemberCachePolicy.NONE)
                .setRestConfig(new RestConfig().setBaseUrl(config.restUrl()))
                // the configured gateway, and a backoff between failed connection attempts
                .setSessionController(new GatewaySessions(config.gatewayUrl(), Backoff.forReconnects()))
                // JDA's own reconnects (after a session was up) wait at most a minute too, not 15
                .setMaxReconnectDelay(60)
                .setEnableShutdownHook(false)
                .setShardsTotal(which.auto() ? -1 : which.total())
                .addEventListeners(listener);
        if (!which.ids().isEmpty()) builder.setShards(which.ids());
        shards = builder.build();
        log.info("Discord: {} shard(s) of {} in this process", shards.getShardCache().size() + shards.getShardsQueued(), shards.getShardsTotal());
    }

    /**
     * Waits until every shard of this process has loaded its guilds and is connected; false when
     * {@code timeout} passes first (JDA's own {@code awaitReady()} has no timeout, and waits 75 s for
     * a missing guild).
     */
    public boolean awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        if (!ready.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) return false;
        while (!connected()) {
            if (System.nanoTime() > deadline) return false;
            Thread.sleep(5);
        }
        return true;
    }

    /** Completes when the slash commands are registered (on the configured guilds, or globally). */
    public CompletableFuture<Void> commandsRegistered() {
        return commandsRegistered;
    }

    /** Every shard of this process is connected (none still waiting its turn to). */
    @Override
    public boolean connected() {
        ShardManager m = shards;
        if (m == null || m.getShardsQueued() > 0) return false;
        List<JDA> all = m.getShards();
        return !all.isEmpty() && all.stream().allMatch(j -> j.getStatus() == JDA.Status.CONNECTED);
    }

    /** Each shard's status: {@code discord.shard.3: CONNECTED}, {@code RECONNECT_QUEUED}, {@code QUEUED} (not started yet). */
    @Override
    public Map<String, String> parts() {
        ShardManager m = shards;
        if (m == null || (config.shards().equals(BotConfig.Shards.ONE))) return Map.of();
        Map<String, String> out = new TreeMap<>();
        if (!config.shards().ids().isEmpty()) for (int id : config.shards().ids()) out.put("discord.shard." + id, "QUEUED");
        for (JDA j : m.getShards()) out.put("discord.shard." + j.getShardInfo().getShardId(), j.getStatus().name());
        return out;
    }

    /** Daily posts leave through this; it sends nothing before the bot has started. */
    public DiscordPoster poster() {
        return new DiscordPoster(new DiscordPoster.Shards(this::shardManager, config.shards().all()), renderer);
    }

    Optional<ShardManager> shardManager() {
        return Optional.ofNullable(shards);
    }

    /** The one shard of a bot that has one (tests of a single connection). */
    Optional<JDA> jda() {
        ShardManager m = shards;
        if (m == null || m.getShards().isEmpty()) return Optional.empty();
        return Optional.of(m.getShards().get(0));
    }

    private CompletableFuture<Reply> handle(Request request) {
        Commands commands = engine.commands();
        try {
            return CompletableFuture.supplyAsync(() -> commands.handle(request), workers);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.completedFuture(busy(request));
        }
    }

    /**
     * Like {@link #handle}, but in order per channel: the future completes inside the channel's turn,
     * so whatever the caller chained on it with {@code whenComplete} (queueing the reply) runs before
     * the next mention in that channel is served. JDA sends requests of one route in the order they
     * were queued.
     */
    private CompletableFuture<Reply> handleInOrder(Request request) {
        Commands commands = engine.commands();
        CompletableFuture<Reply> reply = new CompletableFuture<>();
        try {
            mentionsByChannel.execute(request.channel(), () -> {
                try {
                    reply.complete(commands.handle(request));
                } catch (RuntimeException e) {
                    reply.completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException e) {
            reply.complete(busy(request));
        }
        return reply;
    }

    private static Reply busy(Request request) {
        return new Reply.Error(request.command().name(), Reply.Error.Kind.RATE_LIMITED,
                "I'm answering a lot of people right now. Please try again in a moment.");
    }

    /**
     * A shard is ready: the configured guilds on it get the slash commands; with no guilds
     * configured, the process that runs shard 0 registers them globally (once for the bot).
     */
    private void onReady(JDA shard, List<CommandData> definitions) {
        ready.countDown();
        int id = shard.getShardInfo().getShardId();
        List<String> guilds = config.guilds();
        if (guilds.isEmpty()) {
            if (id != 0) return;
            shard.updateCommands().addCommands(definitions).queue(done -> {
                log.info("registered {} slash commands globally (they can take up to an hour to appear)", done.size());
                commandsRegistered.complete(null);
            }, commandsRegistered::completeExceptionally);
            return;
        }
        int total = shard.getShardInfo().getShardTotal();
        List<CompletableFuture<?>> all = guilds.stream()
                .filter(g -> total <= 1 || net.dv8tion.jda.api.utils.MiscUtil.getShardForGuild(Long.parseLong(g), total) == id)
                .<CompletableFuture<?>>map(gid -> {
                    Guild g = shard.getGuildById(gid);
                    if (g == null) {
                        log.warn("discord.guilds lists {}, but the bot is not in that server: invite it first", gid);
                        return CompletableFuture.completedFuture(null);
                    }
                    return g.updateCommands().addCommands(definitions).submit()
                            .thenAccept(done -> log.info("registered {} slash commands on guild {}", done.size(), gid));
                }).toList();
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).whenComplete((v, e) -> {
            if (e != null) {
                log.warn("slash command registration failed: {}", e.toString());
                commandsRegistered.completeExceptionally(e);
            } else {
                commandsRegistered.complete(null);
            }
        });
    }

    /** Shuts every shard down (closing the gateway cleanly), then the worker threads. */
    @Override
    public void close() {
        ShardManager m = shards;
        if (m != null) {
            List<JDA> all = List.copyOf(m.getShards());
            m.shutdown();   // lets replies already queued go out...
            long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
            try {
                for (JDA j : all) {
                    long left = Math.max(1, deadline - System.nanoTime());
                    if (!j.awaitShutdown(Duration.ofNanos(left))) {   // ...but not wait out a long rate limit
                        j.shutdownNow();
                        j.awaitShutdown(Duration.ofSeconds(2));
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                all.forEach(JDA::shutdownNow);
            }
        }
        timers.shutdownNow();
        workers.shutdown();
        try {
            if (!workers.awaitTermination(2, TimeUnit.SECONDS)) workers.shutdownNow();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            workers.shutdownNow();
        }
    }
}

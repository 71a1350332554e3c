package dev.quotecast.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code quotecast run} in a terminal with no token opens the console, as the README's first
 * command does. Before: a transcript added while it ran was never seen, and the configured HTTP
 * port accepted connections that hung. Now the console reloads transcripts and opens no port.
 */
@Timeout(60)
class ConsoleModeTest {

    @TempDir
    Path tmp;

    @Test
    void theConsoleOpensNoPortAndSeesATranscriptAddedWhileItRuns() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Path tr = Files.createDirectories(tmp.resolve("transcripts"));
        Files.copy(Path.of("transcripts", "lex-fridman-073-andrew-ng.txt"), tr.resolve("first.txt"));
        Files.writeString(tmp.resolve("bot-config.yml"), "transcripts: { dir: transcripts }\nindex: { embeddings: false }\nhttp: { port: " + port + " }\n");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx256m", "-Dquotecast.console=true", "-cp", System.getProperty("java.class.path"),
                "dev.quotecast.Main", "run", "--config", tmp.resolve("bot-config.yml").toString()).redirectErrorStream(true);
        for (String v : List.of("SLACK_BOT_TOKEN", "SLACK_APP_TOKEN", "SLACK_SIGNING_SECRET", "DISCORD_BOT_TOKEN")) pb.environment().remove(v);
        Process p = pb.start();
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String l; (l = in.readLine()) != null; ) lines.add(l);
            } catch (Exception ignored) {
                // process ended
            }
        });
        reader.setDaemon(true);
        reader.start();
        try (Writer in = new OutputStreamWriter(p.getOutputStream(), StandardCharsets.UTF_8)) {
            assertThat(waitFor(lines, "episode(s) loaded")).contains("1 episode(s)");
            boolean listening;
            try (Socket s = new Socket("127.0.0.1", port)) {
                listening = true;
            } catch (java.net.ConnectException e) {
                listening = false;
            }
            assertThat(listening).as("the console opens no HTTP port").isFalse();

            String seed = Files.readString(Path.of("transcripts", "lex-fridman-073-andrew-ng.txt"));
            Files.writeString(tr.resolve("second.txt"), seed.replace("# Andrew Ng: Deep Learning", "# Quokka Qwerty: Deep Learning"));
            String answer = "";
            for (int attempt = 0; attempt < 20 && !answer.contains("Quokka Qwerty"); attempt++) {
                Thread.sleep(500);
                in.write("episode quokka qwerty\n");
                in.flush();
                answer = reply(lines);
            }
            assertThat(answer).as("the added transcript is served without a restart").contains("Quokka Qwerty");
            in.write("quit\n");
            in.flush();
        } finally {
            p.waitFor(10, TimeUnit.SECONDS);
            p.destroyForcibly();
        }
    }

    /** The console's next reply: the lines up to the blank line it prints after each. */
    private static String reply(BlockingQueue<String> lines) throws InterruptedException {
        StringBuilder seen = new StringBuilder();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < end) {
            String l = lines.poll(200, TimeUnit.MILLISECONDS);
            if (l == null) continue;
            if (l.isEmpty()) return seen.toString();
            seen.append(l).append('\n');
        }
        throw new AssertionError("no complete reply in:\n" + seen);
    }

    /** The next line containing {@code text}, with the lines that came before it joined in front. */
    private static String waitFor(BlockingQueue<String> lines, String text) throws InterruptedException {
        StringBuilder seen = new StringBuilder();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < end) {
            String l = lines.poll(200, TimeUnit.MILLISECONDS);
            if (l == null) continue;
            seen.append(l).append('\n');
            if (l.contains(text)) return seen.toString();
        }
        throw new AssertionError("no line with '" + text + "' in:\n" + seen);
    }
}

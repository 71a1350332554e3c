package dev.quotecast;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code quotecast run} as a container starts it: no terminal, no token. It must keep serving
 * /healthz until SIGTERM, then shut down in order and exit within 10 s.
 */
class RunSigtermTest {

    @TempDir
    Path tmp;

    @Test
    void headlessRunServesHealthUntilSigtermThenExitsWithinTenSeconds() throws Exception {
        Files.createDirectories(tmp.resolve("transcripts"));
        Files.copy(Path.of("transcripts", "lex-fridman-073-andrew-ng.txt"), tmp.resolve("transcripts/ep.txt"));
        Files.writeString(tmp.resolve("bot-config.yml"), """
                transcripts: { dir: transcripts }
                index: { dir: data/index }
                http: { port: 0 }
                slack:
                  botToken: ${SLACK_BOT_TOKEN}
                discord:
                  token: ${DISCORD_BOT_TOKEN}
                """);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"), "dev.quotecast.Main",
                "run", "--config", tmp.resolve("bot-config.yml").toString())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        for (String v : List.of("SLACK_BOT_TOKEN", "SLACK_APP_TOKEN", "SLACK_SIGNING_SECRET", "DISCORD_BOT_TOKEN")) pb.environment().remove(v);
        // stderr to a file: Process.destroy() closes our end of a pipe, which would lose the shutdown lines
        Path stderr = tmp.resolve("stderr.log");
        pb.redirectError(stderr.toFile());
        Process p = pb.start();
        try {
            Pattern portLine = Pattern.compile("HTTP on port (\\d+)");
            int httpPort = -1;
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (httpPort < 0 && System.nanoTime() < until && p.isAlive()) {
                Matcher m = portLine.matcher(Files.readString(stderr));
                if (m.find()) httpPort = Integer.parseInt(m.group(1));
                else Thread.sleep(50);
            }
            assertThat(httpPort).as("port line in stderr: " + Files.readString(stderr)).isPositive();
            HttpClient http = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).connectTimeout(Duration.ofSeconds(2)).build();
            HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/healthz"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            Thread.sleep(300);
            assertThat(p.isAlive()).as("keeps running with no terminal and no token").isTrue();

            long t0 = System.nanoTime();
            p.destroy(); // SIGTERM
            assertThat(p.waitFor(10, TimeUnit.SECONDS)).as("exits within 10 s of SIGTERM").isTrue();
            assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(10_000);
            assertThat(p.exitValue()).isEqualTo(143);
            assertThat(Files.readString(stderr)).contains("shutdown: flush and close the index").contains("shutdown complete");
            assertThat(Files.isDirectory(tmp.resolve("data/index"))).isTrue();
        } finally {
            p.destroyForcibly();
        }
    }
}

package dev.quotecast.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real process, as a shell starts it: what a locale and a pipe do to it. Before: under
 * {@code LANG=C} quotes printed as {@code ?I think…?}; with commands piped in and no chat token
 * it ignored them and served HTTP until killed.
 */
@Timeout(120)
class PipedAndLocaleTest {

    @TempDir
    Path tmp;

    record Exit(int code, byte[] out, String err) {}

    @Test
    void outputIsUtf8UnderTheCLocale() throws Exception {
        Exit e = quotecast(List.of("quote", "habits", "--transcripts", Path.of("transcripts").toAbsolutePath().toString()), null, "C");
        assertThat(e.code()).as(e.err()).isZero();
        String text = strictUtf8(e.out());
        assertThat(text).contains("≈").contains("“").doesNotContain("?I ");
    }

    @Test
    void pipedCommandsAreAnsweredAndTheProcessExits() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Files.writeString(tmp.resolve("bot-config.yml"), "transcripts: { dir: " + Path.of("transcripts").toAbsolutePath() + " }\n"
                + "index: { dir: data/index, embeddings: false }\nhttp: { port: " + port + " }\n");
        Exit e = quotecast(List.of("--config", tmp.resolve("bot-config.yml").toString()), "habits\nepisode 73\n", "C.UTF-8");
        assertThat(e.code()).as(e.err()).isZero();
        String out = new String(e.out(), StandardCharsets.UTF_8);
        assertThat(out).contains("Andrew Ng").contains("#73");
        assertThat(out).as("no prompt, no greeting on stdout: only answers").doesNotContain("quotecast>").doesNotContain("episode(s) loaded");
        assertThat(e.err()).doesNotContain("serving /healthz");
        assertThat(tmp.resolve("data/index")).as("piped commands read the index, never create or lock it").doesNotExist();
    }

    private Exit quotecast(List<String> args, String stdin, String lang) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new java.util.ArrayList<>(List.of(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"), "dev.quotecast.Main"));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(tmp.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("LC_") || k.startsWith("SLACK_") || k.startsWith("DISCORD_"));
        pb.environment().put("LANG", lang);
        pb.environment().put("LC_ALL", lang);
        Path err = tmp.resolve("stderr.txt");
        pb.redirectError(err.toFile());
        if (stdin == null) pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Process p = pb.start();
        if (stdin != null) {
            try (var in = p.getOutputStream()) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
        } else {
            p.getOutputStream().close();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Thread reader = new Thread(() -> {
            try {
                p.getInputStream().transferTo(out);
            } catch (java.io.IOException ignored) {
                // the process ended
            }
        });
        reader.start();
        boolean exited = p.waitFor(90, TimeUnit.SECONDS);
        if (!exited) p.destroyForcibly();
        reader.join(5000);
        assertThat(exited).as("the process exits by itself; stderr: " + Files.readString(err)).isTrue();
        return new Exit(p.exitValue(), out.toByteArray(), Files.readString(err));
    }

    private static String strictUtf8(byte[] bytes) throws CharacterCodingException {
        return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
    }
}

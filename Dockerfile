# Quotecast: build the shaded jar with Maven, run it on a JRE as a non-root user.
#
#   docker build -t quotecast .
#   docker run -p 8080:8080 -e DISCORD_BOT_TOKEN=... -v "$PWD/transcripts:/app/transcripts:ro" quotecast
#
# See "Run with Docker" in README.md. CI builds and runs this file with buildah and podman (.ci/container-check).

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
# Extra Maven flags: CI passes -Dmaven.repo.local=... to reuse a mounted repository.
ARG MAVEN_FLAGS=""
COPY pom.xml ./
COPY src/main ./src/main
# Tests run in CI before the image is built; here only the jar is made.
RUN --mount=type=cache,id=quotecast-m2,target=/root/.m2 \
    mvn -B -q -Dmaven.test.skip=true ${MAVEN_FLAGS} package \
 && cp target/quotecast.jar /quotecast.jar

FROM eclipse-temurin:17-jre
# A fixed uid/gid, so volumes and Kubernetes' runAsNonRoot can rely on it.
RUN groupadd --system --gid 10001 quotecast \
 && useradd --system --uid 10001 --gid 10001 --home-dir /app --no-create-home --shell /usr/sbin/nologin quotecast \
 && mkdir -p /app/data /app/transcripts \
 && chown 10001:10001 /app/data
WORKDIR /app
COPY --from=build /quotecast.jar /app/quotecast.jar
# Defaults: the bundled seed episode and configuration. Mount your own over them:
#   -v /path/to/transcripts:/app/transcripts:ro   -v /path/to/bot-config.yml:/app/bot-config.yml:ro
COPY transcripts/ /app/transcripts/
COPY bot-config.yml /app/bot-config.yml
# The Lucene index and the daily-post state survive restarts here.
VOLUME ["/app/data"]
USER 10001:10001
# /healthz, /metrics, and Slack's HTTP mode (/slack/events); http.port in bot-config.yml.
EXPOSE 8080
# Tokens come only from the environment (SLACK_BOT_TOKEN, SLACK_APP_TOKEN, SLACK_SIGNING_SECRET,
# DISCORD_BOT_TOKEN): none is baked in. QUOTECAST_LOG_LEVEL=DEBUG also logs what users typed.
ENV QUOTECAST_LOG_LEVEL=INFO
# A UTF-8 locale for the JVM and anything run inside (the bot writes UTF-8 regardless).
ENV LANG=C.UTF-8
# The bundled bot-config.yml listens on loopback unless told otherwise; in a container the port
# mapping (-p 8080:8080) arrives on the container's own interface, so listen on all of them.
ENV QUOTECAST_HTTP_HOST=0.0.0.0
# The embedding model's tokenizer (DJL) unpacks its native library under the home folder, which is
# not writable here; /tmp is. ONNX Runtime unpacks its own into java.io.tmpdir (/tmp) as well.
ENV DJL_CACHE_DIR=/tmp/djl
# The JRE image has no curl: bash's /dev/tcp asks /healthz without starting a second JVM.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/8080 && printf 'GET /healthz HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && IFS= read -r status <&3 && [[ $status == *' 200 '* ]]"]
# Heap sized from the container's memory limit; on OOM exit so the runtime restarts the bot.
# java is PID 1, so SIGTERM reaches the JVM and runs the graceful shutdown (done within 8 s).
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=70", "-XX:InitialRAMPercentage=20", "-XX:+ExitOnOutOfMemoryError", "-jar", "/app/quotecast.jar"]
CMD ["run"]

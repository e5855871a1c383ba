package io.github.berth.engine.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.transport.DockerHttpClient;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Berth's own HTTP transport for an engine's unix socket, on the real engine. */
class UnixSocketTransportIT {

    private DockerEngine engine;
    private final List<String> images = new ArrayList<>();

    @BeforeEach
    void setUp() {
        engine = TestDocker.connect();
    }

    @AfterEach
    void tearDown() {
        images.forEach(image -> TestDocker.removeImage(engine, image));
        engine.close();
    }

    @Test
    void engineUsesItForAUnixSocket() {
        assertThat(TestDocker.endpoint().host().getScheme()).isEqualTo("unix");
        assertThat(engine.http()).isInstanceOf(UnixSocketTransport.class);
    }

    @Test
    void aStreamedBodyOfManyChunksReachesTheEngineWhole() {
        byte[] blob = new byte[UnixSocketTransport.CHUNK * 5 + 12_345];
        new Random(7).nextBytes(blob);
        String base = TestDocker.busyboxImage(engine, Map.of());
        images.add(base);
        String tag = "berth-test-transport-" + TestDocker.unique() + ":latest";
        images.add(tag);
        List<String> output = new ArrayList<>();

        BuildOutcome outcome = new DockerImages(engine)
                .build(
                        new ImageBuildSpec("transport", Set.of(tag), Map.of(), Map.of(), false),
                        out -> writeContext(out, "FROM " + base + "\nCOPY blob /blob\nRUN wc -c < /blob\n", blob),
                        output::add);

        assertThat(String.join("", output)).contains(String.valueOf(blob.length));
        assertThat(outcome.contextBytes()).isGreaterThan(blob.length);
        assertThat(outcome.imageId()).startsWith("sha256:");
    }

    @Test
    void aBodyThatFailsMidwayEndsTheRequestWithItsCauseAndTheEngineKeepsNothing() {
        String tag = "berth-test-cut-" + TestDocker.unique();
        InputStream failing = new InputStream() {
            private int left = UnixSocketTransport.CHUNK * 2 + 100;

            @Override
            public int read() throws IOException {
                if (left == 0) {
                    throw new IOException("the source broke off");
                }
                left--;
                return 0;
            }
        };

        CompletableFuture<Throwable> outcome = CompletableFuture.supplyAsync(() -> {
            try {
                new DockerImages(engine).importTarball(failing, tag, "1", Map.of());
                return null;
            } catch (RuntimeException e) {
                return e;
            }
        });

        assertThat(outcome).succeedsWithin(java.time.Duration.ofSeconds(20));
        assertThat(outcome.join()).hasRootCauseMessage("the source broke off");
        assertThat(new DockerImages(engine).idOf(tag + ":1")).isEmpty();
    }

    @Test
    void aContextFileThatVanishesWhileSentFailsTheBuildNamingTheImageAndTheFile() {
        String tag = "berth-test-vanished-" + TestDocker.unique() + ":latest";
        ContextSource vanishing = out -> {
            out.write(new byte[UnixSocketTransport.CHUNK * 2]);
            throw new java.nio.file.NoSuchFileException("/project/docker/builder-app/data/f500.bin");
        };

        assertThatThrownBy(() -> new DockerImages(engine)
                        .build(
                                new ImageBuildSpec("app", Set.of(tag), Map.of(), Map.of(), false),
                                vanishing,
                                line -> {}))
                .isInstanceOf(io.github.berth.engine.BerthException.class)
                .hasMessageContaining("Cannot send the build context of app: NoSuchFileException:")
                .hasMessageContaining("/project/docker/builder-app/data/f500.bin")
                .hasMessageContaining("build again");
        assertThat(new DockerImages(engine).idOf(tag)).isEmpty();
    }

    @Test
    void aPendingInterruptDoesNotStopARequest() {
        Thread.currentThread().interrupt();
        try {
            engine.client().pingCmd().exec();
            String version = engine.client().versionCmd().exec().getApiVersion();

            assertThat(version).isNotBlank();
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void theEnginesErrorsArriveWithItsMessage() {
        assertThatThrownBy(() -> engine.client()
                        .inspectContainerCmd("berth-test-no-such-" + TestDocker.unique())
                        .exec())
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("No such container");
    }

    @Test
    void closingTheTransportEndsARequestStillWaiting() throws Exception {
        DockerHttpClient http = engine.http();
        CompletableFuture<String> events = CompletableFuture.supplyAsync(() -> {
            try (DockerHttpClient.Response response = http.execute(DockerHttpClient.Request.builder()
                            .method(DockerHttpClient.Request.Method.GET)
                            .path("/events")
                            .build());
                    InputStream body = response.getBody()) {
                body.readAllBytes();
                return "ended";
            } catch (IOException | RuntimeException e) {
                return "failed: " + e;
            }
        });
        Thread.sleep(500);
        assertThat(events).isNotDone();

        http.close();

        assertThat(events.get(10, TimeUnit.SECONDS)).startsWith("failed");
    }

    private static void writeContext(java.io.OutputStream out, String dockerfile, byte[] blob) throws IOException {
        TarArchiveOutputStream tar = new TarArchiveOutputStream(out);
        add(tar, "Dockerfile", dockerfile.getBytes(StandardCharsets.UTF_8));
        add(tar, "blob", blob);
        tar.finish();
    }

    private static void add(TarArchiveOutputStream tar, String name, byte[] content) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setSize(content.length);
        tar.putArchiveEntry(entry);
        tar.write(content);
        tar.closeArchiveEntry();
    }
}

package io.github.berth.engine.docker;

import com.github.dockerjava.transport.DockerHttpClient;
import io.github.berth.engine.BerthException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/** Reads what containers wrote to stdout and stderr, both together in the order written. */
public final class DockerLogs {

    private final DirectRequests direct;

    public DockerLogs(DockerEngine engine) {
        this.direct =
                new DirectRequests(Objects.requireNonNull(engine, "engine").http());
    }

    /** The last {@code lines} lines of the container's output, stdout and stderr together; none when it is gone. */
    public List<String> tail(String id, int lines) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        copy(id, lines, bytes);
        return bytes.toString(StandardCharsets.UTF_8).lines().toList();
    }

    /**
     * Hands the container's whole output so far to {@code text} in pieces as it is read, stdout and stderr together,
     * frames joined; nothing when it is gone.
     */
    public void readOutput(String id, Consumer<String> text) {
        try (TextDecoder decoder = new TextDecoder(text)) {
            copy(id, -1, decoder);
        }
    }

    /**
     * Follows the container's output from its first byte until the returned follow is closed or the container ends,
     * handing it to {@code text} in pieces, decoded, on a thread of its own. A container that is gone gives no output.
     */
    public LogFollow follow(String id, Consumer<String> text) {
        LogFollow follow = new LogFollow(text);
        follow.readBy(new Thread(() -> read(id, follow), "berth-output-" + ImageInfo.shortId(id)));
        return follow;
    }

    private void read(String id, LogFollow follow) {
        try {
            Optional<DockerHttpClient.Response> opened = direct.logs(id, -1, true);
            if (opened.isPresent()) {
                try (DockerHttpClient.Response response = opened.get()) {
                    if (follow.following(response)) {
                        try (OutputStream sink = follow.sink()) {
                            LogFrames.copy(response.getBody(), sink);
                        }
                    }
                }
            }
        } catch (IOException | RuntimeException | Error e) {
            // Ignored when the follow was closed, which ends the stream this way. An error such as running out of
            // memory is told too: the thread ends with it, and the output it was to hand on is lost.
            follow.failed(new BerthException(
                    "Cannot follow the output of container " + ImageInfo.shortId(id) + ": " + Causes.said(e), e));
        }
    }

    /**
     * Copies the container's whole output to {@code out}.
     *
     * @return false when the container is gone
     */
    public boolean copyOutput(String id, OutputStream out) {
        return copy(id, -1, out);
    }

    private boolean copy(String id, int tail, OutputStream out) {
        try {
            Optional<DockerHttpClient.Response> opened = direct.logs(id, tail, false);
            if (opened.isEmpty()) {
                return false;
            }
            try (DockerHttpClient.Response response = opened.get()) {
                LogFrames.copy(response.getBody(), out);
            }
            return true;
        } catch (IOException | RuntimeException e) {
            throw new BerthException(
                    "Cannot read the output of container " + ImageInfo.shortId(id) + ": " + Causes.said(e), e);
        }
    }
}

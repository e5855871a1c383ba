package io.github.berth.engine.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Frame;
import io.github.berth.engine.BerthException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/** Reads what containers wrote to stdout and stderr, both together in the order written. */
public final class DockerLogs {

    private final DockerClient client;

    public DockerLogs(DockerEngine engine) {
        this.client = Objects.requireNonNull(engine, "engine").client();
    }

    /** The last {@code lines} lines of the container's output, stdout and stderr together. */
    public List<String> tail(String id, int lines) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        logs(id, lines, bytes);
        return bytes.toString(StandardCharsets.UTF_8).lines().toList();
    }

    /** The container's whole output so far, stdout and stderr together, frames joined. */
    public String output(String id) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        logs(id, -1, bytes);
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** Follows the container's output from its first byte until the returned follow is closed. */
    public LogFollow follow(String id) {
        LogFollow follow = new LogFollow();
        client.logContainerCmd(id)
                .withStdOut(true)
                .withStdErr(true)
                .withFollowStream(true)
                .exec(follow.stream());
        return follow;
    }

    /**
     * Copies the container's whole output to {@code out}.
     *
     * @return false when the container is gone
     */
    public boolean copyOutput(String id, OutputStream out) {
        try {
            logs(id, -1, out);
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }

    private void logs(String id, int tail, OutputStream out) {
        var cmd = client.logContainerCmd(id).withStdOut(true).withStdErr(true);
        if (tail >= 0) {
            cmd.withTail(tail);
        }
        try (var callback = cmd.exec(new ResultCallback.Adapter<Frame>() {
            @Override
            public void onNext(Frame frame) {
                try {
                    out.write(frame.getPayload());
                } catch (IOException e) {
                    throw new BerthException("Cannot copy the output of container " + id, e);
                }
            }
        })) {
            callback.awaitCompletion();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BerthException("Interrupted while reading the output of container " + id, e);
        } catch (IOException e) {
            throw new BerthException("Cannot read the output of container " + id, e);
        }
    }
}

package io.github.berth.engine.docker;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.PullImageCmd;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.model.AuthConfig;
import com.github.dockerjava.api.model.PullResponseItem;
import io.github.berth.engine.BerthException;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/** Pulls images from their registries into the engine, with the credentials the Docker CLI keeps for them. */
public final class DockerPulls {

    private final DockerEngine engine;
    private final RegistryCredentials credentials;

    public DockerPulls(DockerEngine engine, RegistryCredentials credentials) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.credentials = Objects.requireNonNull(credentials, "credentials");
    }

    /**
     * Pulls {@code image} and waits until the engine holds it.
     *
     * @param progress receives one line per layer and step, never a secret
     * @return whether the engine downloaded anything, rather than finding its copy up to date
     * @throws BerthException with the registry's or engine's reason when the pull fails
     */
    public boolean pull(ImageReference image, Consumer<String> progress) {
        Objects.requireNonNull(image, "image");
        Optional<RegistryAuth> auth = credentials.forImage(image);
        PullImageCmd command = engine.client().pullImageCmd(image.repository()).withTag(image.tagOrDigest());
        auth.ifPresent(found -> command.withAuthConfig(authConfig(found)));
        Progress callback = new Progress(progress);
        try {
            command.exec(callback).awaitCompletion();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BerthException("Interrupted while pulling image " + image, e);
        } catch (DockerException e) {
            throw failed(image, auth, Causes.said(e), e);
        } catch (RuntimeException e) {
            throw failed(image, auth, Causes.root(e), e);
        }
        if (callback.error != null) {
            throw failed(image, auth, callback.error, null);
        }
        return callback.downloaded;
    }

    private static BerthException failed(
            ImageReference image, Optional<RegistryAuth> auth, String reason, Exception cause) {
        String credentials = auth.map(found -> "with the " + found).orElse("anonymously");
        return new BerthException(
                "Cannot pull image " + image + " from " + image.registry() + " (" + credentials + "): " + reason,
                cause);
    }

    /** docker-java's form of {@code auth}, for a pull or a build. */
    static AuthConfig authConfig(RegistryAuth auth) {
        AuthConfig config = new AuthConfig().withRegistryAddress(auth.serverAddress());
        if (!auth.identityToken().isEmpty()) {
            return config.withIdentityToken(auth.identityToken());
        }
        return config.withUsername(auth.username()).withPassword(auth.password());
    }

    /** Follows the engine's progress messages; the error a failed pull ends with arrives as one of them. */
    private static final class Progress extends ResultCallback.Adapter<PullResponseItem> {

        private final Consumer<String> lines;
        private volatile String error;
        private volatile boolean downloaded;

        Progress(Consumer<String> lines) {
            this.lines = lines;
        }

        @Override
        public void onNext(PullResponseItem item) {
            if (item.getErrorDetail() != null || item.getError() != null) {
                error = item.getErrorDetail() != null && item.getErrorDetail().getMessage() != null
                        ? item.getErrorDetail().getMessage()
                        : item.getError();
                return;
            }
            String status = item.getStatus();
            if (status == null
                    || item.getProgressDetail() != null
                            && item.getProgressDetail().getCurrent() != null) {
                return;
            }
            if (status.startsWith("Downloaded newer image") || status.equals("Download complete")) {
                downloaded = true;
            }
            lines.accept(item.getId() == null ? status : item.getId() + ": " + status);
        }
    }
}

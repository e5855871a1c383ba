package io.github.berth.engine.build;

import io.github.berth.engine.BerthException;
import io.github.berth.engine.ConfigurationException;
import io.github.berth.engine.Labels;
import io.github.berth.engine.Reporter;
import io.github.berth.engine.docker.DockerImages;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Imports the bases given as {@code FROM secure:...}: each once, checked against its digest, and found by its tag
 * afterwards without a download.
 */
final class SecureBases {

    private final DockerImages images;
    private final Reporter reporter;
    private final Map<String, Object> locks = new ConcurrentHashMap<>();

    SecureBases(DockerImages images, Reporter reporter) {
        this.images = images;
        this.reporter = reporter;
    }

    /**
     * The id of the image imported for {@code base}, importing it first when the engine lacks it.
     *
     * @param dockerfile the Dockerfile naming the base, for messages
     * @param line its line
     * @throws ConfigurationException when the download does not have the expected digest
     */
    String resolve(SecureBase base, Path dockerfile, int line) {
        String reference = base.reference();
        synchronized (locks.computeIfAbsent(reference, key -> new Object())) {
            return images.idOf(reference).orElseGet(() -> download(base, dockerfile, line));
        }
    }

    private String download(SecureBase base, Path dockerfile, int line) {
        String reference = base.reference();
        String where = dockerfile + " line " + line + ": secure base " + base.shownUrl();
        long started = System.nanoTime();
        VerifiedDownload download;
        try {
            download = VerifiedDownload.open(base.url(), base.sha256());
        } catch (IOException e) {
            throw new BerthException(
                    where + " cannot be downloaded: " + e.getMessage() + "; check the URL and the network", e);
        }
        String id;
        try (download) {
            int colon = reference.lastIndexOf(':');
            id = images.importTarball(
                    download,
                    reference.substring(0, colon),
                    reference.substring(colon + 1),
                    Map.of(Labels.OWNER, Labels.OWNER_VALUE, Labels.KEY, reference.substring(colon + 1)));
        } catch (IOException | BerthException e) {
            if (download.mismatched()) {
                // The import failed only because the stream stopped at the mismatch, which this message says in
                // full; chaining that failure would repeat the digests once per wrapper.
                throw new ConfigurationException(where + " has SHA-256 " + download.actual() + ", but the Dockerfile"
                        + " expects " + base.sha256() + "; nothing was imported. Check that the URL serves the"
                        + " intended file, then correct the digest");
            }
            if (download.brokenOff() != null) {
                throw new BerthException(
                        where + " broke off: " + download.brokenOff() + "; nothing was imported. Check"
                                + " the server and the network, then build again",
                        e);
            }
            if (download.damage() != null) {
                throw new ConfigurationException(where + " is " + download.damage() + ". It has the SHA-256 the"
                        + " Dockerfile expects, so the file was already damaged when that digest was taken; nothing"
                        + " was imported. Serve a complete file and put its digest in the Dockerfile");
            }
            throw new BerthException(where + " could not be imported as " + reference + ": " + e.getMessage(), e);
        }
        reporter.milestone(String.format(
                "Imported secure base %s from %s in %.1f s",
                reference, base.shownUrl(), (System.nanoTime() - started) / 1e9));
        return id;
    }
}

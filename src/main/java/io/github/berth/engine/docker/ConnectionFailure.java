package io.github.berth.engine.docker;

import io.github.berth.engine.BerthException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;

/** Explains why an engine did not answer: what failed at which endpoint, and the one change that fixes it. */
final class ConnectionFailure {

    private static final String START_OR_POINT = "Start the engine (for example 'sudo systemctl start docker'), or"
            + " point Berth at a running one with DOCKER_HOST or the dockerHost parameter (property berth.dockerHost).";

    private ConnectionFailure() {}

    /** The engine took the connection (or the packets went nowhere) and sent nothing back in time. */
    static BerthException silent(DockerEndpoint endpoint, Throwable cause) {
        return new BerthException(
                "The Docker engine at " + endpoint + " did not answer within 5 s. Check that " + endpoint.host()
                        + " is a Docker engine and not stuck, and whether it expects TLS (DOCKER_TLS_VERIFY=1 with"
                        + " DOCKER_CERT_PATH) or plain HTTP.",
                cause);
    }

    /**
     * @param tls the certificates offered, {@code null} without TLS
     * @param failure what the transport threw
     */
    static BerthException diagnose(DockerEndpoint endpoint, TlsMaterial tls, Throwable failure) {
        List<Throwable> chain = chain(failure);
        String root = describe(chain.get(chain.size() - 1));
        if (has(chain, CertificateExpiredException.class) || has(chain, CertificateNotYetValidException.class)) {
            return untrusted(
                    endpoint,
                    "its certificate is not valid now (" + root + ")",
                    "Renew the engine's certificate.",
                    failure);
        }
        if (has(chain, CertPathBuilderException.class) || has(chain, CertPathValidatorException.class)) {
            return untrusted(
                    endpoint,
                    "its certificate is not signed by the CA in "
                            + endpoint.certPath().resolve("ca.pem"),
                    "Put the certificate of the CA that signed the engine's certificate there.",
                    failure);
        }
        if (isHostNameMismatch(chain)) {
            return untrusted(
                    endpoint,
                    "its certificate does not name the host " + endpoint.host().getHost() + " (" + root + ")",
                    "Connect by a name the certificate holds, or reissue it with "
                            + endpoint.host().getHost()
                            + " among its subject alternative names; only if you accept the risk, set"
                            + " berth.dockerTlsVerifyHostName=false.",
                    failure);
        }
        if (mentions(chain, "unrecognized ssl message") || mentions(chain, "plaintext connection")) {
            return untrusted(
                    endpoint,
                    "it answered in plain HTTP although TLS was asked for",
                    "Configure the engine for TLS (dockerd --tlsverify), or, if it really serves plain HTTP on a"
                            + " trusted network, unset DOCKER_TLS_VERIFY and dockerCertPath.",
                    failure);
        }
        if (tls != null && isRefusedHandshake(chain)) {
            return clientCertificateRefused(endpoint, tls, root, failure);
        }
        if (mentions(chain, "client sent an http request to an https server")) {
            return new BerthException(
                    "The Docker engine at " + endpoint + " expects TLS. Set DOCKER_TLS_VERIFY=1 and DOCKER_CERT_PATH"
                            + " (or the dockerCertPath parameter) to the folder with its ca.pem, cert.pem and key.pem.",
                    failure);
        }
        if (has(chain, SSLException.class)) {
            return untrusted(
                    endpoint, "the TLS handshake failed (" + root + ")", "Check the engine's TLS set-up.", failure);
        }
        return unreachable(endpoint, chain, root, failure);
    }

    private static BerthException unreachable(
            DockerEndpoint endpoint, List<Throwable> chain, String root, Throwable failure) {
        String what;
        if (endpoint.isLocal() && mentions(chain, "no such file or directory")) {
            what = "the socket does not exist";
        } else if (endpoint.isLocal() && mentions(chain, "connection refused")) {
            Path path = Path.of(endpoint.host().getPath());
            if (Files.isDirectory(path)) {
                what = path + " is a folder, not a socket";
            } else if (Files.isRegularFile(path)) {
                what = path + " is a regular file, not a socket";
            } else {
                what = "nothing listens on the socket";
            }
        } else if (endpoint.isLocal() && mentions(chain, "permission denied")) {
            return new BerthException(
                    "No access to the Docker engine at " + endpoint + ": permission denied. Add your user to the"
                            + " group that owns " + endpoint.host().getPath()
                            + " (usually 'docker'), then log in again.",
                    failure);
        } else if (mentions(chain, "connection refused") || has(chain, ConnectException.class)) {
            what = "nothing listens on port " + endpoint.host().getPort();
        } else if (has(chain, UnknownHostException.class)) {
            what = "the host name " + endpoint.host().getHost() + " is unknown";
        } else if (has(chain, SocketTimeoutException.class) || mentions(chain, "timed out")) {
            return silent(endpoint, failure);
        } else {
            what = root;
        }
        return new BerthException("No Docker engine at " + endpoint + ": " + what + ". " + START_OR_POINT, failure);
    }

    private static BerthException clientCertificateRefused(
            DockerEndpoint endpoint, TlsMaterial tls, String root, Throwable failure) {
        if (tls.hasClientCertificate()) {
            return untrusted(
                    endpoint,
                    "it refused the client certificate " + endpoint.certPath().resolve("cert.pem") + " (" + root + ")",
                    "Use a client certificate signed by a CA the engine trusts (its --tlscacert).",
                    failure);
        }
        return untrusted(
                endpoint,
                "it asks for a client certificate and none was given (" + root + ")",
                "Put cert.pem and key.pem, signed by a CA the engine trusts, into " + endpoint.certPath() + ".",
                failure);
    }

    private static BerthException untrusted(DockerEndpoint endpoint, String what, String fix, Throwable failure) {
        return new BerthException(
                "No TLS connection to the Docker engine at " + endpoint + ": " + what + ". " + fix, failure);
    }

    private static boolean isHostNameMismatch(List<Throwable> chain) {
        return has(chain, SSLPeerUnverifiedException.class)
                || mentions(chain, "no subject alternative")
                || mentions(chain, "doesn't match any of the subject alternative names");
    }

    /** The engine closed the handshake on us: a client certificate it wanted is missing or not trusted. */
    private static boolean isRefusedHandshake(List<Throwable> chain) {
        return mentions(chain, "bad_certificate")
                || mentions(chain, "certificate_required")
                || mentions(chain, "unknown_ca")
                || mentions(chain, "broken pipe")
                || mentions(chain, "connection reset")
                || mentions(chain, "remote host terminated the handshake");
    }

    private static List<Throwable> chain(Throwable failure) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = failure; t != null && !chain.contains(t); t = t.getCause()) {
            chain.add(t);
        }
        return chain;
    }

    private static boolean has(List<Throwable> chain, Class<? extends Throwable> type) {
        return chain.stream().anyMatch(type::isInstance);
    }

    private static boolean mentions(List<Throwable> chain, String text) {
        return chain.stream()
                .anyMatch(t -> t.getMessage() != null
                        && t.getMessage().toLowerCase(Locale.ROOT).contains(text));
    }

    private static String describe(Throwable t) {
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}

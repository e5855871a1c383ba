package io.github.berth.engine.docker;

import com.github.dockerjava.transport.DockerHttpClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.ManagedHttpClientConnectionFactory;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.client5.http.ssl.HostnameVerificationPolicy;
import org.apache.hc.client5.http.ssl.NoopHostnameVerifier;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentLengthStrategy;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.NameValuePair;
import org.apache.hc.core5.http.impl.DefaultContentLengthStrategy;
import org.apache.hc.core5.http.io.entity.InputStreamEntity;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.Timeout;

/**
 * HTTPS to an engine whose certificate is verified against the CA but need not name the engine's host. docker-java's
 * own transport always checks the host name and offers no way to turn that off, so this one exists for users who turn
 * the check off explicitly; everyone else talks through docker-java's transport.
 */
final class HostNameUncheckedTransport implements DockerHttpClient {

    private final CloseableHttpClient http;
    private final HttpHost host;

    /**
     * @param engine {@code tcp://host:port}
     * @param responseTimeout how long to wait for an answer, {@code null} for as long as it takes
     */
    HostNameUncheckedTransport(
            URI engine, SSLContext context, Duration connectTimeout, Duration responseTimeout, int connections) {
        DefaultClientTlsStrategy tls =
                new DefaultClientTlsStrategy(context, HostnameVerificationPolicy.CLIENT, NoopHostnameVerifier.INSTANCE);
        // Set either way: unset, a connection keeps the connect timeout of its TLS handshake for reading.
        RequestConfig.Builder request = RequestConfig.custom()
                .setResponseTimeout(responseTimeout == null ? Timeout.DISABLED : Timeout.of(responseTimeout));
        this.http = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setTlsSocketStrategy(tls)
                        .setConnectionFactory(new ManagedHttpClientConnectionFactory(
                                null, null, null, null, HostNameUncheckedTransport::incomingLength, null))
                        .setMaxConnTotal(connections)
                        .setMaxConnPerRoute(connections)
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(Timeout.of(connectTimeout))
                                .build())
                        .build())
                .setDefaultRequestConfig(request.build())
                .disableConnectionState()
                .disableAutomaticRetries()
                .build();
        this.host = new HttpHost("https", engine.getHost(), engine.getPort());
    }

    /** The engine streams some answers (logs, attach) with "Transfer-Encoding: identity", read to the end. */
    private static long incomingLength(org.apache.hc.core5.http.HttpMessage message) {
        Header encoding = message.getFirstHeader(HttpHeaders.TRANSFER_ENCODING);
        if (encoding != null && "identity".equalsIgnoreCase(encoding.getValue())) {
            return ContentLengthStrategy.UNDEFINED;
        }
        try {
            return DefaultContentLengthStrategy.INSTANCE.determineLength(message);
        } catch (org.apache.hc.core5.http.HttpException e) {
            throw new IllegalStateException("Bad length in an answer of the Docker engine", e);
        }
    }

    @Override
    public Response execute(Request request) {
        if (request.hijackedInput() != null) {
            // TODO: attaching to a container's standard input needs connection hijacking, not supported on this path
            throw new UnsupportedOperationException("Writing to a container's standard input is not supported with"
                    + " berth.dockerTlsVerifyHostName=false");
        }
        HttpUriRequestBase call = new HttpUriRequestBase(request.method(), URI.create(request.path()));
        request.headers().forEach(call::addHeader);
        InputStream body = request.body();
        if (body != null) {
            call.setEntity(new InputStreamEntity(body, null));
        }
        try {
            return new Answer(call, http.executeOpen(host, call, null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        http.close(CloseMode.IMMEDIATE);
    }

    private record Answer(HttpUriRequestBase call, ClassicHttpResponse response) implements Response {

        @Override
        public int getStatusCode() {
            return response.getCode();
        }

        @Override
        public Map<String, List<String>> getHeaders() {
            return Stream.of(response.getHeaders())
                    .collect(Collectors.groupingBy(
                            NameValuePair::getName, Collectors.mapping(NameValuePair::getValue, Collectors.toList())));
        }

        @Override
        public String getHeader(String name) {
            Header header = response.getFirstHeader(name);
            return header == null ? null : header.getValue();
        }

        @Override
        public InputStream getBody() {
            try {
                return response.getEntity() == null
                        ? InputStream.nullInputStream()
                        : response.getEntity().getContent();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() {
            call.abort();
            try {
                response.close();
            } catch (IOException alreadyClosed) {
                // the connection is gone either way
            }
        }
    }
}

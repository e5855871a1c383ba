package io.github.berth.example;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Reads the list of quotes from the quotes service, one quote a line. */
final class QuoteClient {

    private final URI source;

    QuoteClient(URI source) {
        this.source = source;
    }

    List<String> quotes() throws IOException {
        HttpURLConnection connection = (HttpURLConnection) source.toURL().openConnection();
        connection.setConnectTimeout(2000);
        connection.setReadTimeout(2000);
        try (InputStream in = connection.getInputStream()) {
            if (connection.getResponseCode() != 200) {
                throw new IOException(source + " answered " + connection.getResponseCode());
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .map(String::strip)
                    .filter(line -> !line.isEmpty())
                    .toList();
        } finally {
            connection.disconnect();
        }
    }
}

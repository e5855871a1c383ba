package io.github.berth.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** Calls the greeter that start-cluster runs, at the address the berth.greeter.url property gives. */
class GreeterServiceIT {

    private static final URI GREETER = URI.create(System.getProperty("greeter.url"));
    private static final URI QUOTES = URI.create(System.getProperty("quotes.url"));
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void reportsHealthy() throws Exception {
        HttpResponse<String> response = get(GREETER.resolve("/health"));

        assertEquals(200, response.statusCode());
        assertEquals("ok\n", response.body());
    }

    @Test
    void greetsWithAQuoteFromTheQuotesService() throws Exception {
        String quotes = get(QUOTES.resolve("/quotes.txt")).body();

        HttpResponse<String> response = get(GREETER.resolve("/greet?name=Berth"));

        assertEquals(200, response.statusCode());
        assertTrue(response.body().startsWith("Hello, Berth! Quote of the day: "), response.body());
        String quote = response.body().substring("Hello, Berth! Quote of the day: ".length()).strip();
        assertTrue(quotes.lines().anyMatch(quote::equals), quote + " is not among " + quotes);
    }

    @Test
    void greetsAStrangerWithoutAName() throws Exception {
        HttpResponse<String> response = get(GREETER.resolve("/greet"));

        assertTrue(response.body().startsWith("Hello, stranger!"), response.body());
    }

    private HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}

package io.github.berth.example;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

/**
 * The greeter service: {@code GET /greet?name=NAME} greets with the quote of the day from the quotes service,
 * {@code GET /health} tells that it runs. Stops on SIGTERM, which lets the JaCoCo agent write its data.
 */
public final class GreeterServer {

    private final QuoteClient quotes;

    private GreeterServer(QuoteClient quotes) {
        this.quotes = quotes;
    }

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "8080"));
        URI quotesUrl = URI.create(System.getenv().getOrDefault("QUOTES_URL", "http://quotes:8080/quotes.txt"));
        GreeterServer greeter = new GreeterServer(new QuoteClient(quotesUrl));

        HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
        server.createContext("/health", exchange -> respond(exchange, 200, "ok"));
        server.createContext("/greet", greeter::greet);
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop(0)));
        System.out.println("Greeter listening on port " + port + ", quotes from " + quotesUrl);
    }

    private void greet(HttpExchange exchange) throws IOException {
        String name = parameter(exchange.getRequestURI().getRawQuery(), "name");
        try {
            String quote = Greeting.quoteOfTheDay(quotes.quotes(), LocalDate.now().toEpochDay());
            respond(exchange, 200, Greeting.greet(name, quote));
        } catch (IOException e) {
            respond(exchange, 502, "The quotes service does not answer: " + e.getMessage());
        }
    }

    static String parameter(String query, String name) {
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0 && pair.substring(0, equals).equals(name)) {
                return URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = (body + "\n").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}

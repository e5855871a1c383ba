package it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Reaches the cluster through the properties start-cluster set and the state file it wrote. */
class ShopIT {

    @Test
    void apiAnswersAtItsUrl() throws Exception {
        String url = System.getProperty("api.url");

        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(URI.create(url + "/index.html")).build(),
                        HttpResponse.BodyHandlers.ofString());

        assertEquals("hello from api\n", response.body());
    }

    @Test
    void theStateFileHoldsTheSameProperties() throws Exception {
        String state = Files.readString(Path.of("target/berth/shop.json"));

        assertTrue(state.contains("\"berth.api.url\" : \"" + System.getProperty("api.url") + "\""), state);
        assertTrue(state.contains("\"berth.db.port.5432\" : \"" + System.getProperty("db.port") + "\""), state);
        assertTrue(System.getProperty("web.ip").matches("\\d+\\.\\d+\\.\\d+\\.\\d+"), System.getProperty("web.ip"));
    }
}

package io.github.berth.engine.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** How the requests made without docker-java's client are written. */
class DirectRequestsTest {

    @Test
    void theLabelFilterNamesEveryLabelAndEscapesJson() throws IOException {
        Map<String, String> labels = new TreeMap<>(Map.of("a", "1", "quote", "say \"hi\"\\"));

        assertThat(EngineJson.labelFilter(labels)).isEqualTo("{\"label\":[\"a=1\",\"quote=say \\\"hi\\\"\\\\\"]}");
        assertThat(EngineJson.labelFilter(Map.of())).isEqualTo("{\"label\":[]}");
    }

    @Test
    void aReferenceKeepsItsSlashesColonsAndDigestSignButEncodesTheRest() {
        assertThat(DirectRequests.pathSegments("registry.example:5000/team/app:1.2"))
                .isEqualTo("registry.example:5000/team/app:1.2");
        assertThat(DirectRequests.pathSegments("app@sha256:abc")).isEqualTo("app@sha256:abc");
        assertThat(DirectRequests.pathSegments("odd name?x=1#y")).isEqualTo("odd%20name%3Fx%3D1%23y");
    }
}

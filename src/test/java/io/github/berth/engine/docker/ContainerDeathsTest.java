package io.github.berth.engine.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading the engine's event stream for the ends of containers. */
class ContainerDeathsTest {

    private final List<String> died = new ArrayList<>();

    @Test
    void reportsTheDeathsOfAStreamOfDocker20Events() throws IOException {
        read("""
                {"status":"kill","id":"aaa","from":"web","Type":"container","Action":"kill",\
                "Actor":{"ID":"aaa","Attributes":{"signal":"15"}},"scope":"local","time":1,"timeNano":1}
                {"status":"die","id":"aaa","from":"web","Type":"container","Action":"die",\
                "Actor":{"ID":"aaa","Attributes":{"exitCode":"0","name":"shop-db"}},"scope":"local","time":1}
                {"status":"stop","id":"aaa","Type":"container","Action":"stop","Actor":{"ID":"aaa"}}
                {"status":"die","id":"bbb","Type":"container","Action":"die","Actor":{"ID":"bbb"}}
                """);

        assertThat(died).containsExactly("aaa", "bbb");
    }

    @Test
    void readsTheContainerFromTheActorWhenTheEventHasNoIdOfItsOwn() throws IOException {
        // Newer Docker API versions leave out the event's status, id and from.
        read("{\"Type\":\"container\",\"Action\":\"die\",\"Actor\":{\"ID\":\"ccc\",\"Attributes\":{}},\"time\":2}");

        assertThat(died).containsExactly("ccc");
    }

    @Test
    void takesPodmansNameForTheEventToo() throws IOException {
        read(
                "{\"status\":\"died\",\"id\":\"ddd\",\"Type\":\"container\",\"Action\":\"died\",\"Actor\":{\"ID\":\"ddd\"}}"
                        + "{\"status\":\"start\",\"id\":\"eee\",\"Type\":\"container\",\"Action\":\"start\"}");

        assertThat(died).containsExactly("ddd");
    }

    @Test
    void anEventWithoutAContainerIsPassedOver() throws IOException {
        read("{\"status\":\"die\",\"Type\":\"container\",\"Actor\":{\"Attributes\":{\"ID\":\"not-this\"}}}\n[1,2]\n");

        assertThat(died).isEmpty();
    }

    @Test
    void aStreamThatIsNotJsonFailsAfterWhatCameBefore() {
        assertThatThrownBy(() -> read("{\"status\":\"die\",\"id\":\"fff\"}\n<html>proxy error</html>"))
                .isInstanceOf(IOException.class);

        assertThat(died).containsExactly("fff");
    }

    private void read(String events) throws IOException {
        new ContainerDeaths(died::add).read(new ByteArrayInputStream(events.getBytes(StandardCharsets.UTF_8)));
    }
}

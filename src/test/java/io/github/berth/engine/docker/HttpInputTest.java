package io.github.berth.engine.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Reading an engine's HTTP/1.1 responses: heads, and bodies in each framing. */
class HttpInputTest {

    @Test
    void readsTheStatusAndHeadersWhateverTheirCase() throws IOException {
        HttpInput input = input("HTTP/1.1 404 Not Found\r\nContent-Type: application/json\r\nApi-Version: 1.41\r\n"
                + "Content-Length: 2\r\n\r\n{}");

        input.readHead();

        assertThat(input.status()).isEqualTo(404);
        assertThat(input.headers().get("content-type")).containsExactly("application/json");
        assertThat(input.headers().get("API-VERSION")).containsExactly("1.41");
    }

    @Test
    void aBodyOfKnownLengthEndsThereEvenWhenMoreFollows() throws IOException {
        HttpInput input = input("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello, and more");

        input.readHead();

        assertThat(text(input.body("GET"))).isEqualTo("hello");
    }

    @Test
    void aChunkedBodyIsJoinedAndItsTrailersSkipped() throws IOException {
        HttpInput input = input("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "5\r\nhello\r\n7;ext=1\r\n, world\r\n0\r\nX-Trailer: yes\r\n\r\nnot body");

        input.readHead();

        assertThat(text(input.body("POST"))).isEqualTo("hello, world");
    }

    @Test
    void aBodyWithoutLengthOrChunksEndsWithTheConnection() throws IOException {
        HttpInput input = input("HTTP/1.1 200 OK\r\nContent-Type: application/vnd.docker.raw-stream\r\n\r\nraw output");

        input.readHead();

        assertThat(text(input.body("POST"))).isEqualTo("raw output");
    }

    @Test
    void headAndNoContentAnswersHaveNoBody() throws IOException {
        HttpInput head = input("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n");
        HttpInput noContent = input("HTTP/1.1 204 No Content\r\n\r\nstray");

        head.readHead();
        noContent.readHead();

        assertThat(text(head.body("HEAD"))).isEmpty();
        assertThat(text(noContent.body("POST"))).isEmpty();
    }

    @Test
    void anInterimAnswerIsSkipped() throws IOException {
        HttpInput input = input("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 201 Created\r\nContent-Length: 2\r\n\r\nok");

        input.readHead();

        assertThat(input.status()).isEqualTo(201);
        assertThat(text(input.body("POST"))).isEqualTo("ok");
    }

    @Test
    void aConnectionClosedBeforeTheBodysEndIsAnError() throws IOException {
        HttpInput lengthCut = input("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort");
        HttpInput chunkCut = input("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\na\r\nshort");
        lengthCut.readHead();
        chunkCut.readHead();

        assertThatThrownBy(() -> text(lengthCut.body("GET")))
                .isInstanceOf(EOFException.class)
                .hasMessageContaining("5 bytes before the body's end");
        assertThatThrownBy(() -> text(chunkCut.body("GET")))
                .isInstanceOf(EOFException.class)
                .hasMessageContaining("middle of a chunk");
    }

    @Test
    void somethingElseThanHttpIsRefused() {
        assertThatThrownBy(() -> input("SSH-2.0-OpenSSH_9.2\r\n\r\n").readHead())
                .isInstanceOf(IOException.class)
                .hasMessageContaining("not an HTTP/1.x response: SSH-2.0-OpenSSH_9.2");
        assertThatThrownBy(
                        () -> input("HTTP/1.1 200 OK\r\nno colon here\r\n\r\n").readHead())
                .isInstanceOf(IOException.class)
                .hasMessageContaining("malformed response header");
        assertThatThrownBy(() -> input("HTTP/1.1 200 OK\r\nContent").readHead()).isInstanceOf(EOFException.class);
    }

    @Test
    void aMalformedChunkSizeIsAnError() throws IOException {
        HttpInput input = input("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n");
        input.readHead();

        assertThatThrownBy(() -> text(input.body("GET")))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("malformed chunk size: zz");
    }

    @Test
    void aBodyLargerThanTheBufferArrivesWhole() throws IOException {
        String big = "x".repeat(200_000);
        HttpInput input = input("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                + Integer.toHexString(big.length()) + "\r\n" + big + "\r\n0\r\n\r\n");

        input.readHead();

        assertThat(text(input.body("GET"))).isEqualTo(big);
    }

    private static HttpInput input(String response) {
        byte[] bytes = response.getBytes(StandardCharsets.ISO_8859_1);
        return new HttpInput(Channels.newChannel(new ByteArrayInputStream(bytes)));
    }

    private static String text(InputStream body) throws IOException {
        return new String(body.readAllBytes(), StandardCharsets.ISO_8859_1);
    }
}

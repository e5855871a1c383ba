package io.github.berth.engine.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.berth.engine.ConfigurationException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DockerfileParserTest {

    private static final Path FILE = Path.of("docker/builder-app/Dockerfile");
    private static final String HEX = "0123456789abcdef".repeat(4);

    private final DockerfileParser parser = new DockerfileParser(Map.of());

    @Test
    void readsIncludesWithTheirLines() {
        Dockerfile dockerfile = parser.parse(FILE, "FROM scratch\n# %include pom.xml\n\n#   %include  src/main/  \n");

        assertThat(dockerfile.includes()).containsExactly(new Include("pom.xml", 2), new Include("src/main/", 4));
    }

    @Test
    void otherCommentsAreNoIncludes() {
        Dockerfile dockerfile =
                parser.parse(FILE, "# include pom.xml\n# %includes x\nFROM scratch\nRUN echo # %include y\n");

        assertThat(dockerfile.includes()).isEmpty();
    }

    @Test
    void includeWithoutPathNamesTheLine() {
        assertThatThrownBy(() -> parser.parse(FILE, "FROM scratch\n# %include\n"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage(FILE + " line 2: '# %include' names no path; write '# %include PATH' with PATH relative"
                        + " to the project root");
    }

    @Test
    void readsCrlfLines() {
        Dockerfile dockerfile = parser.parse(FILE, "FROM base AS build\r\n# %include lib/\r\nFROM build\r\n");

        assertThat(dockerfile.froms()).extracting(FromInstruction::image).containsExactly("base", "build");
        assertThat(dockerfile.includes()).containsExactly(new Include("lib/", 2));
    }

    @Test
    void joinsContinuationsAndSkipsCommentsInside() {
        Dockerfile dockerfile = parser.parse(
                FILE, "RUN a \\\n  b\nFROM \\\n# a comment\n  --platform=linux/amd64 \\\n" + "  base:1 \\\n  AS app\n");

        FromInstruction from = dockerfile.froms().get(0);
        assertThat(from.image()).isEqualTo("base:1");
        assertThat(from.flags()).isEqualTo("--platform=linux/amd64");
        assertThat(from.stage()).isEqualTo("app");
        assertThat(from.firstLine()).isEqualTo(3);
        assertThat(from.lastLine()).isEqualTo(7);
    }

    @Test
    void honoursTheEscapeDirective() {
        Dockerfile dockerfile = parser.parse(FILE, "# escape=`\nFROM `\n  base\n");

        assertThat(dockerfile.froms()).extracting(FromInstruction::image).containsExactly("base");
    }

    @Test
    void substitutesArgsDeclaredBeforeTheFirstFrom() {
        String text = "ARG BASE=alpine\nARG VERSION\nFROM ${BASE}:${VERSION:-3}\nARG LATER=x\nFROM ${LATER:-other}\n";

        Dockerfile dockerfile = parser.parse(FILE, text);

        assertThat(dockerfile.froms()).extracting(FromInstruction::image).containsExactly("alpine:3", "other");
    }

    @Test
    void buildArgsOverrideArgDefaults() {
        DockerfileParser withArgs = new DockerfileParser(Map.of("BASE", "debian", "VERSION", "12"));

        Dockerfile dockerfile = withArgs.parse(FILE, "ARG BASE=alpine\nARG VERSION\nFROM ${BASE}:${VERSION:-3}\n");

        assertThat(dockerfile.froms().get(0).image()).isEqualTo("debian:12");
    }

    @Test
    void stageNamesAreNoImages() {
        Dockerfile dockerfile = parser.parse(FILE, "FROM base AS Build\nFROM build\nFROM scratch\nFROM other\n");

        assertThat(dockerfile.froms())
                .extracting(FromInstruction::stageReference)
                .containsExactly(false, true, false, false);
        assertThat(dockerfile.imageFroms()).extracting(FromInstruction::image).containsExactly("base", "other");
    }

    @Test
    void readsASecureBase() {
        Dockerfile dockerfile = parser.parse(
                FILE, "FROM secure:tools/busybox:1.36:sha256 " + HEX + ":https://example.org/rootfs.tar.xz AS base\n");

        FromInstruction from = dockerfile.froms().get(0);
        assertThat(from.secure())
                .contains(
                        new SecureBase("tools/busybox", "1.36", HEX, URI.create("https://example.org/rootfs.tar.xz")));
        assertThat(from.stage()).isEqualTo("base");
        assertThat(from.namesImage()).isFalse();
    }

    @Test
    void secureBaseTakesItsUrlFromAnArg() {
        DockerfileParser withArgs = new DockerfileParser(Map.of("URL", "file:///srv/rootfs.tar"));

        Dockerfile dockerfile = withArgs.parse(FILE, "ARG URL\nFROM secure:base:v1:sha256 " + HEX + ":${URL}\n");

        assertThat(dockerfile.froms().get(0).secure().orElseThrow().url())
                .isEqualTo(URI.create("file:///srv/rootfs.tar"));
    }

    @Test
    void secureBaseWithAShortDigestIsRefused() {
        assertThatThrownBy(() -> parser.parse(FILE, "FROM scratch\nFROM secure:base:v1:sha256 abc:file:///x.tar\n"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage(FILE + " line 2: cannot read secure base 'secure:base:v1:sha256 abc:file:///x.tar'; write"
                        + " 'FROM secure:REPO:TAGPREFIX:sha256 HEX:URL' with 64 hex digits and an http, https or file"
                        + " URL");
    }

    @Test
    void secureBaseWithAnUpperCaseRepositoryIsRefused() {
        assertThatThrownBy(() -> parser.parse(FILE, "FROM secure:Tools/BusyBox:v1:sha256 " + HEX + ":file:///x.tar\n"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage(FILE + " line 1: secure base repository 'Tools/BusyBox' cannot name an image; write it"
                        + " in lower-case letters and digits with single '.', '_' or '-' and '/' between them, like"
                        + " tools/busybox, after a registry's host and port if any, like localhost:5000/tools/busybox");
    }

    @Test
    void readsASecureBaseInARepositoryWithARegistryPort() {
        Dockerfile dockerfile = parser.parse(
                FILE, "FROM secure:localhost:5000/tools/busybox:1.36:sha256 " + HEX + ":http://localhost:8080/r.tar\n");

        assertThat(dockerfile.froms().get(0).secure())
                .contains(new SecureBase(
                        "localhost:5000/tools/busybox", "1.36", HEX, URI.create("http://localhost:8080/r.tar")));
    }

    @Test
    void readsASecureBaseWhoseRegistryPortComesFromAnArg() {
        DockerfileParser withArgs = new DockerfileParser(Map.of("PREFIX", "registry.example.com:5000/team/"));

        Dockerfile dockerfile = withArgs.parse(
                FILE, "ARG PREFIX\nFROM secure:${PREFIX}base:v1:sha256 " + HEX + ":file:///x.tar AS base\n");

        FromInstruction from = dockerfile.froms().get(0);
        assertThat(from.secure().orElseThrow().repository()).isEqualTo("registry.example.com:5000/team/base");
        assertThat(from.secure().orElseThrow().reference()).startsWith("registry.example.com:5000/team/base:v1-");
        assertThat(from.stage()).isEqualTo("base");
    }

    @Test
    void secureBaseWithARegistryPortButNoTagPrefixIsRefused() {
        assertThatThrownBy(
                        () -> parser.parse(FILE, "FROM secure:localhost:5000/base:sha256 " + HEX + ":file:///x.tar\n"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage(FILE + " line 1: secure base tag prefix '5000/base' cannot start a tag; write up to 63"
                        + " letters, digits, '_', '.' or '-', starting with a letter, digit or '_'; if"
                        + " 'localhost:5000/base' is the repository, write a TAGPREFIX after it, like"
                        + " secure:localhost:5000/base:1.0:sha256 HEX:URL");
    }

    @Test
    void secureBaseWithATagInItsRepositoryIsRefused() {
        assertThatThrownBy(() -> parser.parse(FILE, "FROM secure:busybox:1.36:v1:sha256 " + HEX + ":file:///x.tar\n"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith(FILE + " line 1: secure base repository 'busybox:1.36' cannot name an image;");
    }

    @Test
    void secureBaseWithARegistryPortAndNoPathIsRefused() {
        assertThatThrownBy(() -> parser.parse(FILE, "FROM secure:localhost:5000:v1:sha256 " + HEX + ":file:///x.tar\n"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith(
                        FILE + " line 1: secure base repository 'localhost:5000' cannot name an image;");
    }

    @Test
    void secureBaseWithAnUpperCasePathAfterItsRegistryIsRefused() {
        assertThatThrownBy(() -> parser.parse(
                        FILE, "FROM secure:Registry.Example.com:5000/Base:v1:sha256 " + HEX + ":file:///x.tar\n"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith(FILE
                        + " line 1: secure base repository 'Registry.Example.com:5000/Base' cannot name an image;");
    }

    @Test
    void secureBaseWithATagPrefixDockerRefusesIsRefused() {
        String prefix = "v".repeat(64);

        assertThatThrownBy(
                        () -> parser.parse(FILE, "FROM secure:base:" + prefix + ":sha256 " + HEX + ":file:///x.tar\n"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage(FILE + " line 1: secure base tag prefix '" + prefix + "' cannot start a tag; write up to"
                        + " 63 letters, digits, '_', '.' or '-', starting with a letter, digit or '_'");
    }

    @Test
    void secureBaseWithAnotherSchemeIsRefused() {
        assertThatThrownBy(() -> parser.parse(FILE, "FROM secure:base:v1:sha256 " + HEX + ":ftp://host/x.tar\n"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage(FILE + " line 1: secure base URL 'ftp://host/x.tar' is neither http, https nor file;"
                        + " download it from one of those");
    }

    @Test
    void aDockerfileWithoutFromIsRefused() {
        assertThatThrownBy(() -> parser.parse(FILE, "# only a comment\n\n"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage(
                        FILE + " has no FROM instruction; start it with 'FROM IMAGE', or 'FROM scratch' for an image"
                                + " that starts empty");
    }

    @Test
    void aByteOrderMarkBeforeTheFirstInstructionIsNoPartOfIt() {
        Dockerfile dockerfile = parser.parse(FILE, "\uFEFFFROM base\r\nRUN true\r\n");

        assertThat(dockerfile.imageFroms())
                .singleElement()
                .satisfies(from -> assertThat(from.image()).isEqualTo("base"));
        assertThat(dockerfile.rewrite(Map.of(dockerfile.froms().get(0), "base:1"), Map.of()))
                .isEqualTo("FROM base:1\r\nRUN true\r\n");
    }

    @Test
    void malformedFromIsRefused() {
        assertThatThrownBy(() -> parser.parse(FILE, "FROM a b\n"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage(FILE + " line 1: cannot read 'FROM a b'; write 'FROM IMAGE' or 'FROM IMAGE AS NAME'");
    }

    @Test
    void danglingContinuationIsRefused() {
        assertThatThrownBy(() -> parser.parse(FILE, "FROM scratch\nRUN true \\\n"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage(FILE + " line 2: the instruction ends with a line continuation and nothing follows;"
                        + " remove the trailing \\");
    }

    @Test
    void rewriteReplacesFromsAndKeepsLineNumbersAndEndings() {
        String text = "FROM app \\\r\n  AS build\r\nRUN true\r\nFROM build\r\n";
        Dockerfile dockerfile = parser.parse(FILE, text);

        String rewritten = dockerfile.rewrite(Map.of(dockerfile.froms().get(0), "app:0123456789ab"), Map.of());

        assertThat(rewritten).isEqualTo("FROM app:0123456789ab AS build\r\n\r\nRUN true\r\nFROM build\r\n");
    }

    @Test
    void copyFromAnImageIsReadButNotFromAStageByNameOrNumber() {
        Dockerfile dockerfile = parser.parse(FILE, """
                FROM tools AS Build
                RUN make
                FROM scratch
                COPY --from=build /out /a
                copy --FROM=0 /out /b
                COPY --chown=1:1 \\
                    --from=assets:2 /web /c
                COPY --from=$ASSETS /x /d
                COPY --link --from=registry.example/team/base@sha256:abc /e /e
                COPY /plain /f
                Copy --From=assets /g /g
                """);

        assertThat(dockerfile.copies())
                .containsExactly(
                        new CopyFrom(7, "assets:2"),
                        new CopyFrom(9, "registry.example/team/base@sha256:abc"),
                        new CopyFrom(11, "assets"));
    }

    @Test
    void rewriteReplacesTheImageOfACopyFromOnItsLine() {
        String text =
                "FROM scratch\r\nCOPY --chown=1:1 \\\r\n  --from=assets /web /web\r\nCOPY --FROM=assets /assets /x\r\n";
        Dockerfile dockerfile = parser.parse(FILE, text);

        String rewritten = dockerfile.rewrite(
                Map.of(),
                Map.of(
                        dockerfile.copies().get(0), "assets:0123456789ab",
                        dockerfile.copies().get(1), "assets:0123456789ab"));

        assertThat(rewritten)
                .isEqualTo("FROM scratch\r\nCOPY --chown=1:1 \\\r\n  --from=assets:0123456789ab /web /web\r\n"
                        + "COPY --from=assets:0123456789ab /assets /x\r\n");
    }

    @Test
    void rewriteWithoutChangesKeepsTheText() {
        String text = "FROM scratch\nCOPY a b";

        assertThat(parser.parse(FILE, text).rewrite(Map.of(), Map.of())).isSameAs(text);
    }
}

package io.github.berth.engine.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.berth.engine.ConfigurationException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContextAssemblerTest {

    @TempDir
    Path root;

    private Path builder;

    @BeforeEach
    void createBuilder() throws IOException {
        builder = Files.createDirectories(root.resolve("docker/builder-app"));
    }

    @Test
    void holdsTheBuilderFolderAndTheRewrittenDockerfile() throws IOException {
        write(builder.resolve("run.sh"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(builder.resolve("run.sh"), PosixFilePermissions.fromString("rwxr-x---"));
        write(builder.resolve("conf/app.conf"), "a=1\n");

        BuildContext context = assemble("FROM scratch\n", "FROM rewritten\n");

        assertThat(context.names()).containsExactly("Dockerfile", "conf", "conf/app.conf", "run.sh");
        assertThat(entry(context, "run.sh").mode()).isEqualTo(0750);
        assertThat(entry(context, "conf").kind()).isEqualTo(ContextEntry.Kind.DIRECTORY);
        assertThat(new String(entry(context, "Dockerfile").content(), StandardCharsets.UTF_8))
                .isEqualTo("FROM rewritten\n");
    }

    @Test
    void aBackslashInAFileNameStaysPartOfTheName() throws IOException {
        write(builder.resolve("back\\slash.txt"), "x");
        write(root.resolve("conf/win\\name.txt"), "y");

        BuildContext context = assemble("FROM scratch\n# %include conf/\n", "FROM scratch\n");

        assertThat(context.names())
                .containsExactly("Dockerfile", "back\\slash.txt", "extra", "extra/conf", "extra/conf/win\\name.txt");
    }

    @Test
    void dockerignoreLeavesFilesOutButNeverTheDockerfile() throws IOException {
        write(builder.resolve(".dockerignore"), "**/*.tmp\nDockerfile\nbuild\n!build/keep.txt\n");
        write(builder.resolve("a.tmp"), "x");
        write(builder.resolve("sub/b.tmp"), "x");
        write(builder.resolve("build/drop.txt"), "x");
        write(builder.resolve("build/keep.txt"), "x");
        write(builder.resolve("main.txt"), "x");

        BuildContext context = assemble("FROM scratch\n", "FROM scratch\n");

        assertThat(context.names()).containsExactly(".dockerignore", "Dockerfile", "build/keep.txt", "main.txt", "sub");
    }

    @Test
    void includesAFileAndAFolderUnderExtra() throws IOException {
        write(root.resolve("pom.xml"), "<project/>");
        write(root.resolve("src/main/A.java"), "class A {}");
        write(root.resolve("src/main/b/B.java"), "class B {}");

        BuildContext context = assemble("FROM scratch\n# %include pom.xml\n# %include src/main/\n", "");

        assertThat(context.names())
                .containsExactly(
                        "Dockerfile",
                        "extra",
                        "extra/pom.xml",
                        "extra/src",
                        "extra/src/main",
                        "extra/src/main/A.java",
                        "extra/src/main/b",
                        "extra/src/main/b/B.java");
        assertThat(entry(context, "extra/pom.xml").source()).isEqualTo(root.resolve("pom.xml"));
    }

    @Test
    void dockerignoreAppliesToIncludes() throws IOException {
        write(builder.resolve(".dockerignore"), "extra/**/*.log\n");
        write(root.resolve("lib/a.jar"), "x");
        write(root.resolve("lib/debug.log"), "x");

        BuildContext context = assemble("# %include lib/\nFROM scratch\n", "");

        assertThat(context.names()).contains("extra/lib/a.jar").doesNotContain("extra/lib/debug.log");
    }

    @Test
    void inAGitWorkTreeAFolderIncludeTakesTrackedFilesOnly() throws Exception {
        write(root.resolve("lib/tracked.txt"), "x");
        write(root.resolve("lib/untracked.txt"), "x");
        git("init", "-q");
        git("add", "lib/tracked.txt");

        BuildContext context = assemble("# %include lib/\nFROM scratch\n", "");

        assertThat(context.names()).contains("extra/lib/tracked.txt").doesNotContain("extra/lib/untracked.txt");
    }

    @Test
    void inAGitWorkTreeAFolderWithFilesButNoneTrackedIsRefused() throws Exception {
        write(root.resolve("pom.xml"), "<project/>");
        write(root.resolve("scripts/install.sh"), "x");
        git("init", "-q");
        git("add", "pom.xml");

        assertThatThrownBy(() -> assemble("FROM scratch\n# %include scripts/\n", ""))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage(root.resolve("docker/builder-app/Dockerfile") + " line 2: '# %include scripts/': git tracks"
                        + " none of the files in " + root.resolve("scripts") + ", and a folder gives only the files git"
                        + " tracks; 'git add' them, or include each file on a line of its own");
    }

    @Test
    void inAGitWorkTreeAnIgnoredFolderGivesAllItsFiles() throws Exception {
        write(root.resolve(".gitignore"), "target/\n");
        write(root.resolve("target/app.jar"), "x");
        git("init", "-q");
        git("add", ".gitignore");

        BuildContext context = assemble("FROM scratch\n# %include target/\n", "");

        assertThat(context.names()).contains("extra/target/app.jar");
    }

    @Test
    void linksInsideAnIncludedFolderStayLinks() throws IOException {
        write(root.resolve("lib/real.txt"), "x");
        Files.createSymbolicLink(root.resolve("lib/inside"), Path.of("real.txt"));
        Files.createSymbolicLink(root.resolve("lib/outside"), Path.of("/etc/passwd"));

        BuildContext context = assemble("# %include lib/\nFROM scratch\n", "");

        assertThat(entry(context, "extra/lib/inside").kind()).isEqualTo(ContextEntry.Kind.LINK);
        assertThat(entry(context, "extra/lib/inside").linkTarget()).isEqualTo("real.txt");
        assertThat(entry(context, "extra/lib/outside").linkTarget()).isEqualTo("/etc/passwd");
    }

    @Test
    void aDockerignorePatternThatCannotBeReadNamesTheFileAndLine() throws IOException {
        write(builder.resolve(".dockerignore"), "*.tmp\n[z-a]\n");

        assertThatThrownBy(() -> assemble("FROM scratch\n", "FROM scratch\n"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith(builder.resolve(".dockerignore") + " line 2: '[z-a]' is not a pattern (")
                .hasMessageEndingWith("); fix or remove the line");
    }

    @Test
    void missingIncludeNamesTheDockerfileAndLine() {
        assertThatThrownBy(() -> assemble("FROM scratch\n\n# %include nowhere.txt\n", ""))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage(builder.resolve("Dockerfile") + " line 3: '# %include nowhere.txt': "
                        + root.resolve("nowhere.txt") + " does not exist; fix the path (relative to " + root
                        + ") or remove it");
    }

    @Test
    void includeClimbingOutIsRefused() {
        assertThatThrownBy(() -> assemble("# %include lib/../../etc/\nFROM scratch\n", ""))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage(builder.resolve("Dockerfile") + " line 1: '# %include lib/../../etc/' climbs out with"
                        + " '..'; includes must stay inside the project root " + root);
    }

    @Test
    void absoluteIncludeIsRefused() {
        assertThatThrownBy(() -> assemble("# %include /etc/passwd\nFROM scratch\n", ""))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage(builder.resolve("Dockerfile") + " line 1: '# %include /etc/passwd' is an absolute path;"
                        + " write it relative to the project root " + root);
    }

    @Test
    void includeThatIsALinkLeavingTheRootIsRefused() throws IOException {
        Path outside = Files.createTempDirectory("berth-outside");
        Files.createSymbolicLink(root.resolve("escape"), outside);

        assertThatThrownBy(() -> assemble("# %include escape/\nFROM scratch\n", ""))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage(builder.resolve("Dockerfile") + " line 1: '# %include escape/': " + root.resolve("escape")
                        + " resolves to " + outside.toRealPath() + ", outside the project root " + root
                        + "; include files of the project only");
        Files.delete(outside);
    }

    @Test
    void folderIncludeThatIsAFileIsRefused() throws IOException {
        write(root.resolve("pom.xml"), "<project/>");

        assertThatThrownBy(() -> assemble("# %include pom.xml/\nFROM scratch\n", ""))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage(builder.resolve("Dockerfile") + " line 1: '# %include pom.xml/': " + root.resolve("pom.xml")
                        + " is a file, but the trailing '/' asks for a folder; remove the '/'");
    }

    @Test
    void aBuilderFolderThatIsALinkSendsTheFilesOfTheFolderItNames() throws IOException {
        Path elsewhere = Files.createDirectories(root.resolve("shared/app-image"));
        write(elsewhere.resolve("Dockerfile"), "FROM scratch\nCOPY app.conf /\n");
        write(elsewhere.resolve("app.conf"), "a=1\n");
        Files.createSymbolicLink(root.resolve("docker/builder-linked"), Path.of("../shared/app-image"));

        Builder linked = Builders.discover(root.resolve("docker")).get("linked");
        Dockerfile parsed = new DockerfileParser(Map.of())
                .parse(linked.directory().resolve("Dockerfile"), "FROM scratch\nCOPY app.conf /\n");
        BuildContext context = new ContextAssembler(root).assemble(linked.directory(), parsed, parsed.text());

        assertThat(linked.directory()).isEqualTo(elsewhere.toRealPath());
        assertThat(context.names()).containsExactly("Dockerfile", "app.conf");
    }

    private BuildContext assemble(String dockerfile, String rewritten) throws IOException {
        write(builder.resolve("Dockerfile"), dockerfile);
        Dockerfile parsed = new DockerfileParser(Map.of()).parse(builder.resolve("Dockerfile"), dockerfile);
        return new ContextAssembler(root).assemble(builder, parsed, rewritten);
    }

    private static ContextEntry entry(BuildContext context, String name) {
        return context.entries().stream()
                .filter(entry -> entry.name().equals(name))
                .findFirst()
                .orElseThrow();
    }

    private static void write(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    private void git(String... arguments) throws Exception {
        String[] command = new String[arguments.length + 3];
        command[0] = "git";
        command[1] = "-C";
        command[2] = root.toString();
        System.arraycopy(arguments, 0, command, 3, arguments.length);
        Process process = new ProcessBuilder(command).inheritIO().start();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isZero();
    }
}

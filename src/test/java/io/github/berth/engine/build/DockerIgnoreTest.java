package io.github.berth.engine.build;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DockerIgnoreTest {

    @Test
    void starStaysWithinASegment() {
        DockerIgnore ignore = DockerIgnore.parse("*.log\n");

        assertThat(ignore.excludes("app.log")).isTrue();
        assertThat(ignore.excludes("logs/app.log")).isFalse();
    }

    @Test
    void doubleStarSpansSegments() {
        DockerIgnore ignore = DockerIgnore.parse("**/*.log\n");

        assertThat(ignore.excludes("app.log")).isTrue();
        assertThat(ignore.excludes("a/b/c/app.log")).isTrue();
        assertThat(ignore.excludes("a/b/app.txt")).isFalse();
    }

    @Test
    void doubleStarInTheMiddle() {
        DockerIgnore ignore = DockerIgnore.parse("src/**/test\n");

        assertThat(ignore.excludes("src/test")).isTrue();
        assertThat(ignore.excludes("src/a/b/test")).isTrue();
        assertThat(ignore.excludes("src/a/b/test/x.java")).isTrue();
        assertThat(ignore.excludes("lib/test")).isFalse();
    }

    @Test
    void aMatchedFolderExcludesItsContent() {
        DockerIgnore ignore = DockerIgnore.parse("target\n");

        assertThat(ignore.excludes("target/classes/A.class")).isTrue();
        assertThat(ignore.excludes("targets")).isFalse();
    }

    @Test
    void exceptionTakesBackAndTheLastMatchWins() {
        DockerIgnore ignore = DockerIgnore.parse("*.md\n!README.md\nREADME*.md\n!README-keep.md\n");

        assertThat(ignore.excludes("CHANGES.md")).isTrue();
        assertThat(ignore.excludes("README.md")).isTrue();
        assertThat(ignore.excludes("README-keep.md")).isFalse();
        assertThat(ignore.hasExceptions()).isTrue();
    }

    @Test
    void exceptionInsideAnExcludedFolder() {
        DockerIgnore ignore = DockerIgnore.parse("docs\n!docs/keep.txt\n");

        assertThat(ignore.excludes("docs/other.txt")).isTrue();
        assertThat(ignore.excludes("docs/keep.txt")).isFalse();
    }

    @Test
    void commentsBlankLinesAndLeadingSlashes() {
        DockerIgnore ignore = DockerIgnore.parse("# *.java\n\n  /build/./out  \r\n");

        assertThat(ignore.excludes("A.java")).isFalse();
        assertThat(ignore.excludes("build/out/x")).isTrue();
    }

    @Test
    void questionMarkAndClasses() {
        DockerIgnore ignore = DockerIgnore.parse("file?.txt\nlog[0-9].txt\nv[!a].txt\n");

        assertThat(ignore.excludes("file1.txt")).isTrue();
        assertThat(ignore.excludes("file10.txt")).isFalse();
        assertThat(ignore.excludes("log7.txt")).isTrue();
        assertThat(ignore.excludes("logx.txt")).isFalse();
        assertThat(ignore.excludes("vb.txt")).isTrue();
        assertThat(ignore.excludes("va.txt")).isFalse();
    }

    @Test
    void regexCharactersAreLiteral() {
        DockerIgnore ignore = DockerIgnore.parse("a+b(1).txt\n");

        assertThat(ignore.excludes("a+b(1).txt")).isTrue();
        assertThat(ignore.excludes("aab1.txt")).isFalse();
    }

    @Test
    void noneExcludesNothing() {
        assertThat(DockerIgnore.none().excludes("anything")).isFalse();
    }
}

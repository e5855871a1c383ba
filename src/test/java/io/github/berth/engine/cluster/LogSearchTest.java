package io.github.berth.engine.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class LogSearchTest {

    /** Patterns of both kinds, each checked against a search of the whole output at once. */
    private static final List<String> PATTERNS = List.of(
            "ready",
            "^listening on port \\d+$",
            "^ready$",
            "\\bready\\b",
            "started in [0-9.]+ s",
            "ready(?!.)",
            "(?<=: )ready",
            "\\Qa.b\\E",
            "(?s)booting.*ready",
            "booting\\nready",
            "ready\\s+to serve",
            "[^x]{3}ready",
            "\\Aready",
            "ready\\r$",
            "(?m)^$",
            "(?d)booting.ready",
            "(?d:ready.)x",
            "a\u2028ready",
            "\\Qa\u2028ready\\E");

    private static final List<String> OUTPUTS = List.of(
            "booting\nlistening on port 5432\nready\n",
            "booting\nnot ready yet\n",
            "booting\r\nready\r\n",
            "app: ready to serve\n",
            "ready\n",
            "x\n\nready\n",
            "started in 1.5 s and a.b\n",
            "émoji ✓ ready\n",
            "\n",
            "booting\nready to\n serve\n",
            "downloading 10%\rdownloading 100%\rready\r",
            "booting\rready\n",
            "booting\r\rready\r\n\r\n",
            "booting\r\n\r\nready\r",
            "x\r\nready to\r serve\r\n",
            "ready\r\n\nx\r",
            "a\u2028ready\u0085x\u2029\u2029");

    @Test
    void findsWhatASearchOfTheWholeOutputFindsHoweverTheOutputArrives() {
        for (String regex : PATTERNS) {
            Pattern whole = Pattern.compile(regex, Pattern.MULTILINE);
            for (String output : OUTPUTS) {
                for (int piece : new int[] {1, 2, 3, 7, output.length()}) {
                    LogSearch search = new LogSearch(regex);

                    for (int at = 0; at < output.length(); at += piece) {
                        search.read(output.substring(at, Math.min(output.length(), at + piece)));
                        search.outcome();
                    }

                    boolean beforeTheEnd = search.outcome().passed();
                    search.end();

                    // Until the output is complete, a \r at its end may still be the start of a \r\n.
                    String sofar = output.endsWith("\r") ? output + "\n" : output;
                    assertThat(beforeTheEnd)
                            .as("/%s/ in %s, read %d characters at a time", regex, shown(output), piece)
                            .isEqualTo(whole.matcher(sofar).find());
                    assertThat(search.outcome().passed())
                            .as("/%s/ in %s, read %d characters at a time, then ended", regex, shown(output), piece)
                            .isEqualTo(whole.matcher(output).find());
                }
            }
        }
    }

    private static String shown(String output) {
        return output.replace("\n", "\\n").replace("\r", "\\r");
    }

    @Test
    void aLineEndedByACarriageReturnIsTriedBeforeAnyNewlineArrives() {
        for (String regex : List.of("^ready$", "(?s)^ready$")) {
            LogSearch search = new LogSearch(regex);

            search.read("downloading 50%\rready\r");

            assertThat(search.outcome().passed()).as(regex).isTrue();
        }
    }

    @Test
    void aCarriageReturnAndTheNewlineAfterItEndOneLineWhenTheyArriveApart() {
        for (String regex : List.of("^$", "(?s)^$")) {
            LogSearch search = new LogSearch(regex);

            search.read("booting\r");
            search.outcome();
            search.read("\nready\r");
            search.outcome();
            search.read("\n");

            assertThat(search.outcome())
                    .as(regex)
                    .isEqualTo(Probes.Outcome.pending("no matching line in 2 lines of output"));
        }
    }

    @Test
    void aProgressBarKeepsOnlyTheLineStillBeingWritten() {
        LogSearch search = new LogSearch("never");

        for (int i = 0; i < 10_000; i++) {
            search.read("downloading " + (i % 100) + "%\r");
        }
        search.read("half a line");

        assertThat(search.keptCharacters()).isEqualTo("half a line".length());
        assertThat(search.outcome()).isEqualTo(Probes.Outcome.pending("no matching line in 10001 lines of output"));
    }

    @Test
    void aLineStillBeingWrittenIsTriedOnlyOnceItEnds() {
        for (String regex : List.of("^ready$", "(?s)^ready$")) {
            LogSearch search = new LogSearch(regex);

            search.read("booting\nready");
            boolean beforeTheLineEnded = search.outcome().passed();
            search.read(" to serve\n");

            assertThat(beforeTheLineEnded).as(regex).isFalse();
            assertThat(search.outcome().passed()).as(regex).isFalse();
        }
    }

    @Test
    void theLastLineOfCompleteOutputCountsWithoutALineEnd() {
        for (String regex : List.of("^ready$", "(?s)^ready$")) {
            LogSearch search = new LogSearch(regex);
            search.read("booting\nready");

            search.end();

            assertThat(search.outcome().passed()).as(regex).isTrue();
        }
    }

    @Test
    void aPatternOnOneLineKeepsOnlyTheLineStillBeingWritten() {
        LogSearch search = new LogSearch("never");
        String line = "x".repeat(99) + "\n";

        for (int i = 0; i < 10_000; i++) {
            search.read(line);
        }
        search.read("half a line");

        assertThat(search.keptCharacters()).isEqualTo("half a line".length());
        assertThat(search.outcome()).isEqualTo(Probes.Outcome.pending("no matching line in 10001 lines of output"));
    }

    @Test
    void theWholeOutputOfAnEndedServiceIsSearchedOnceHoweverManyPiecesItArrivesIn() {
        LogSearch search = new LogSearch("(?s)^ready$");
        String piece = ("x".repeat(99) + "\n").repeat(80);

        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            for (int i = 0; i < 2_000; i++) {
                search.read(piece);
            }
            search.read("ready");
            search.end();
        });

        assertThat(search.outcome().passed()).isTrue();
    }

    @Test
    void aMatchThatMoreOutputCouldUndoWaitsForTheOutputToEnd() {
        LogSearch search = new LogSearch("(?s)ready\\n$");

        search.read("booting\nready\n");
        Probes.Outcome whileRunning = search.outcome();
        search.end();

        assertThat(whileRunning).isEqualTo(Probes.Outcome.pending("no matching line in 2 lines of output"));
        assertThat(search.outcome().passed()).isTrue();
    }

    @Test
    void aMatchThatMoreOutputCannotUndoCountsThoughAnEarlierOneCould() {
        LogSearch search = new LogSearch("(?s)booting.*\\n$|ready");

        search.read("booting\nready\n");

        assertThat(search.outcome().passed()).isTrue();
    }

    @Test
    void aLineLongerThanTheBoundIsTriedByItsStartAndPassedOver() {
        LogSearch startsReady = new LogSearch("^ready", 10, 100);
        LogSearch endsReady = new LogSearch("ready$", 10, 100);
        LogSearch nextLine = new LogSearch("^next$", 10, 100);
        String output = "ready" + "x".repeat(30) + "ready\r\nnext\n";

        for (LogSearch search : List.of(startsReady, endsReady, nextLine)) {
            for (int at = 0; at < output.length(); at += 4) {
                search.read(output.substring(at, Math.min(output.length(), at + 4)));
                assertThat(search.keptCharacters()).isLessThanOrEqualTo(10 + 4);
            }
        }

        assertThat(startsReady.outcome().passed()).isTrue();
        assertThat(endsReady.outcome()).isEqualTo(Probes.Outcome.pending("no matching line in 2 lines of output"));
        assertThat(nextLine.outcome().passed()).isTrue();
    }

    @Test
    void aPatternAcrossLinesSeesOnlyTheFirstPartOfTheOutputUpToTheBound() {
        LogSearch search = new LogSearch("(?s)booting.*ready", 10, 20);

        search.read("booting\n" + "x\n".repeat(10));
        search.read("ready\n");
        Probes.Outcome whileRunning = search.outcome();
        search.end();

        assertThat(search.keptCharacters()).isEqualTo(20);
        assertThat(whileRunning)
                .isEqualTo(
                        Probes.Outcome.pending("no match in the first 7 lines of output, 20 characters, beyond which a"
                                + " pattern that may span lines is not tried"));
        assertThat(search.outcome()).isEqualTo(whileRunning);
    }

    @Test
    void tellsHowManyLinesItSawWhenNothingMatched() {
        LogSearch byLine = new LogSearch("^ready to serve");
        LogSearch whole = new LogSearch("(?s)ready.*serve");

        byLine.read("booting\nlistening on port 5432\nready\n");
        whole.read("booting\nlistening on port 5432\nready\n");

        assertThat(byLine.outcome()).isEqualTo(Probes.Outcome.pending("no matching line in 3 lines of output"));
        assertThat(whole.outcome()).isEqualTo(Probes.Outcome.pending("no matching line in 3 lines of output"));
    }

    @Test
    void aLineEndAfterABackslashIsALineEndOfThePattern() {
        LogSearch search = new LogSearch("booting\\\nready");

        search.read("booting\nready\n");

        assertThat(search.outcome().passed()).isTrue();
    }

    @Test
    void withoutMultilineTheAnchorsStandForTheEndsOfTheWholeOutput() {
        for (String regex : List.of("(?-m)^ready", "(?i-m:^READY)", "(?-m)\\Q\\E^ready")) {
            LogSearch search = new LogSearch(regex);

            search.read("booting\n");
            search.read("ready\n");
            search.end();

            assertThat(search.outcome().passed()).as(regex).isFalse();
        }
    }

    @Test
    void patternsThatMayMatchALineEndAreSearchedInTheWholeOutput() {
        assertThat(List.of(
                        "(?s)a.*b",
                        "(?is:a.b)",
                        "a\\nb",
                        "a\\Rb",
                        "a\\s+b",
                        "a\\Wb",
                        "a\\Db",
                        "[^x]+",
                        "a\\x0Ab",
                        "a\\u000Ab",
                        "a\\012b",
                        "a\\p{Space}b",
                        "\\Aa",
                        "a\\z",
                        "a\nb",
                        "a\\Q\n\\E",
                        "a\\\nb",
                        "[\\\n]",
                        "(?-m)^a",
                        "(?s-m)a$",
                        "(?i-m:^a)",
                        "(?d)a.b",
                        "(?id:a.b)",
                        "a\u2028b",
                        "a\u0085b",
                        "a\\Q\u2029\\E"))
                .noneMatch(LogSearch::staysOnOneLine);
        assertThat(List.of(
                        "ready",
                        "^listening on port \\d+$",
                        "started in [0-9.]+ s",
                        "(?i)READY",
                        "(?-s:a.b)",
                        "(?m)^a$",
                        "(?-i)^a",
                        "(?<name>\\w+) is up, \\k<name>",
                        "\\Qa.b\\E",
                        "\\(ready\\)",
                        "\\bup\\b"))
                .allMatch(LogSearch::staysOnOneLine);
    }
}

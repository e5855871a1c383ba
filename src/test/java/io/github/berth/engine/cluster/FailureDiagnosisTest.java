package io.github.berth.engine.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class FailureDiagnosisTest {

    @Test
    void aHostPortInUseAsksForAnotherHostPort() {
        String failure = "did not start: Status 500: driver failed programming external connectivity on endpoint"
                + " brk-web: Error starting userland proxy: listen tcp4 127.0.0.1:8080: bind: address already in use";

        assertThat(FailureDiagnosis.hint(failure, Optional.empty(), 0))
                .isEqualTo("A host port of the service is taken by another program: choose another <host> port in"
                        + " its <ports>, or leave <host> empty for a free one.");
    }

    @Test
    void aTimeoutAtTheClusterDeadlineNamesTheDeadlineOnly() {
        String failure = "timed out after 3 s waiting for HTTP GET / on port 80 (last seen: refused)"
                + ReadinessWaiter.CLUSTER_DEADLINE_PASSED;

        assertThat(FailureDiagnosis.hint(failure, Optional.empty(), 0))
                .isEqualTo("If the cluster is merely slow, raise the cluster's <deadline>; a check's <timeout> cannot"
                        + " outlast it. Otherwise see the output below.");
    }

    @Test
    void aTimeoutOfTheCheckItselfNamesBoth() {
        String failure = "timed out after 3 s waiting for HTTP GET / on port 80 (last seen: refused)";

        assertThat(FailureDiagnosis.hint(failure, Optional.empty(), 0))
                .isEqualTo("If the service is merely slow, raise the check's <timeout> or the cluster's <deadline>;"
                        + " otherwise see its output below.");
    }

    @Test
    void controlCharactersOfAServicesOutputAreShownAsQuestionMarks() {
        assertThat(FailureDiagnosis.printable("\u001b[31mred\u001b[0m\tcolumn \u0000\u0007\u009b end ü"))
                .isEqualTo("?[31mred?[0m\tcolumn ??? end ü");
    }
}

package io.github.berth.engine.docker;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BuildLogTest {

    @Test
    void followsDockersSteps() {
        BuildLog log = new BuildLog();

        log.append("Step 1/2 : FROM scratch\n ---> abc\nStep 2/2 : COPY f /f\n");

        assertThat(log.step()).isEqualTo("Step 2/2 : COPY f /f");
    }

    @Test
    void followsPodmansSteps() {
        BuildLog log = new BuildLog();

        log.append("STEP 1/2: FROM scratch\n--> abc\nSTEP 2/2: COPY f /f\n");

        assertThat(log.step()).isEqualTo("STEP 2/2: COPY f /f");
    }

    @Test
    void beforeAnyStepSaysSo() {
        assertThat(new BuildLog().step()).isEqualTo("before the first step");
    }
}

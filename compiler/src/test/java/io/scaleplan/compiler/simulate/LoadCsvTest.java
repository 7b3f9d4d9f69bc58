package io.scaleplan.compiler.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.scaleplan.dsl.LoadProfile;
import org.junit.jupiter.api.Test;

class LoadCsvTest {

    private static LoadFileException failure(String text) {
        return catchThrowableOfType(LoadFileException.class, () -> LoadCsv.parse("load/peak.csv", text));
    }

    @Test
    void readsPointsPerServiceWithStepsAndComments() {
        LoadProfile p = LoadCsv.parse(
                "load/Black Friday.csv",
                "seconds,service,rps\r\n"
                        + "# the sale opens at 600\n"
                        + "0,usage-metering,3000\n"
                        + "0,policy-engine,400\n"
                        + "600,usage-metering,3000\n"
                        + "1200,usage-metering,5000.5\n"
                        + "1200,usage-metering,4000\n");
        assertThat(p.name()).isEqualTo("black-friday");
        assertThat(p.services())
                .extracting(LoadProfile.ServiceLoad::service)
                .containsExactly("usage-metering", "policy-engine");
        LoadProfile.ServiceLoad um = p.services().get(0);
        assertThat(um.rpsAt(300)).isEqualTo(3000.0);
        assertThat(um.rpsAt(900)).isEqualTo(4000.25);
        assertThat(um.rpsAt(1200)).isEqualTo(4000.0); // a step takes the later row
        assertThat(um.rpsAt(5000)).isEqualTo(4000.0);
        assertThat(p.services().get(1).rpsAt(100)).isEqualTo(400.0);
    }

    @Test
    void everyProblemIsReportedWithFileAndLine() {
        LoadFileException e = failure("seconds,service,rps\n"
                + "0,usage-metering,3000\n"
                + "-5,usage-metering,3000\n"
                + "60,Usage_Metering,3000\n"
                + "90,usage-metering,lots\n"
                + "120,usage-metering\n"
                + "\n"
                + "30,usage-metering,100\n"
                + "10,policy-engine,1\n"
                + "200,usage-metering,1e3\n");
        assertThat(e.problems())
                .containsExactly(
                        "load/peak.csv:3: error: [SP500] seconds must be a whole number of at least 0, was '-5'",
                        "load/peak.csv:4: error: [SP500] service must be a DNS-1123 label (lower-case letters, digits"
                                + " and '-'), was 'Usage_Metering'",
                        "load/peak.csv:5: error: [SP500] rps must be a number of at least 0 (such as 2500 or 2500.5),"
                                + " was 'lots'",
                        "load/peak.csv:6: error: [SP500] expected 3 fields (seconds,service,rps), found 2:"
                                + " '120,usage-metering'",
                        "load/peak.csv:7: error: [SP500] empty line (expected seconds,service,rps)",
                        "load/peak.csv:9: error: [SP500] the first row of policy-engine must be at second 0, was 10",
                        "load/peak.csv:10: error: [SP500] rps must be a number of at least 0 (such as 2500 or 2500.5),"
                                + " was '1e3'");
    }

    @Test
    void timeMustNotGoBackAndAStepTakesTwoRows() {
        assertThat(failure("seconds,service,rps\n0,api,1\n60,api,2\n30,api,3\n").problems())
                .containsExactly("load/peak.csv:4: error: [SP500] seconds go back in time for api: 30 after 60");
        assertThat(failure("seconds,service,rps\n0,api,1\n60,api,2\n60,api,3\n60,api,4\n")
                        .problems())
                .containsExactly("load/peak.csv:5: error: [SP500] a third row for api at second 60 (a step takes"
                        + " two rows: before and after)");
    }

    @Test
    void theHeaderIsRequiredAndRowsMustFollow() {
        assertThat(failure("0,api,100\n").problems())
                .containsExactly(
                        "load/peak.csv:1: error: [SP500] the first line must be the header 'seconds,service,rps', was"
                                + " '0,api,100'");
        assertThat(failure("").problems())
                .containsExactly("load/peak.csv:1: error: [SP500] the first line must be the header"
                        + " 'seconds,service,rps', was ''");
        assertThat(failure("seconds,service,rps\n").problems())
                .containsExactly("load/peak.csv:1: error: [SP500] no rows after the header");
        assertThat(failure("seconds,service,rps\n0,api,1\u0007\n").problems())
                .containsExactly("load/peak.csv:2: error: [SP500] rps must be a number of at least 0 (such as 2500"
                        + " or 2500.5), was '1\\u0007'");
    }
}

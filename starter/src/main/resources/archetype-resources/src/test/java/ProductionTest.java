package ${package};

import static io.scaleplan.test.PlanAssertions.assertThat;
import static io.scaleplan.test.PlanAssertions.compile;

import org.junit.jupiter.api.Test;

/** The plan, compiled in memory with scaleplan-test: what the cluster will get. */
class ProductionTest {

    @Test
    void compilesWithoutErrors() {
        assertThat(compile(new Production())).hasNoErrors();
    }

    @Test
    void storefrontScalesFromTwoToTenPods() {
        assertThat(compile(new Production())).hpa("storefront").hasMinReplicas(2).hasMaxReplicas(10);
    }
}

package io.scaleplan.arka;

import static io.scaleplan.dsl.Units.rps;

import io.scaleplan.dsl.EventDefinition;
import io.scaleplan.dsl.EventPlan;
import io.scaleplan.dsl.Plan;
import java.time.Duration;

/**
 * Black Friday, from the runbook's "Preparing for High Traffic Events": a day before, pre-scale
 * usage-metering to 10 pods (HPA maximum 50) and license-authority to 5 (maximum 30); during the
 * event usage-metering expects 5,000 rps, which the runbook's formula turns into
 * ceil(5,000 / 1,000 × 1.3) = 7 pods, well inside the pre-scaled range; two hours after the event
 * (the runbook's "usually 1-2 hours" for traffic to normalise), back to {@link Production}.
 *
 * <p>The runbook raises PostgreSQL's {@code max_connections} from production's 300 to 500, a
 * restart, which APPLY.md spells out as its own step. The services' pools are sized so that at the
 * raised maximums (50 and 30 pods, plus rolling-update surge) they open 473 connections, within
 * 500 (SP120; see the phases' CAPACITY.md). Their pods, though, need more CPU than the runbook's 20
 * nodes offer (SP107 finds it), so the event also lets the node group grow to 25 nodes.
 *
 * <p>The pre-scaled counts become the HPAs' {@code minReplicas}: the runbook's {@code kubectl
 * scale --replicas=10} alone would be undone by the HPA within seconds.
 */
@Plan
public final class BlackFriday implements EventDefinition {

    @Override
    public EventPlan event() {
        return EventPlan.builder("black-friday", new Production().define())
                .preScale(Duration.ofHours(24), p -> p.service(
                                ArkaEngine.USAGE_METERING, s -> s.replicas(10).maxReplicas(50))
                        .service(
                                ArkaEngine.LICENSE_AUTHORITY, s -> s.replicas(5).maxReplicas(30))
                        // the raised maximums need more CPU than 20 nodes offer (SP107)
                        .nodes("arka-workers", 3, 25)
                        .maxConnections(500))
                .during(d -> d.service(ArkaEngine.USAGE_METERING, s -> s.expectedLoad(rps(5_000))))
                .postEvent(Duration.ofHours(2))
                .build();
    }
}

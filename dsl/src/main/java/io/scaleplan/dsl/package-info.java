/**
 * The scaleplan authoring API. Start with {@link io.scaleplan.dsl.ScalingPlan#builder(String)}
 * and statically import {@link io.scaleplan.dsl.Units}. Builders produce an immutable model
 * (records) that the compiler turns into Helm values, HPA and PDB manifests.
 */
package io.scaleplan.dsl;

/**
 * The ARKA Engine platform's scaling plans, and the typed binding of the chart they target: {@link
 * io.scaleplan.arka.ArkaEngine} is generated at compile time from {@code
 * src/main/helm/arka-engine/values.schema.json}.
 */
@HelmChart("src/main/helm/arka-engine")
package io.scaleplan.arka;

import io.scaleplan.dsl.HelmChart;

/**
 * The heatmap on the process diagram in Cockpit (Camunda 7 CE has none): per activity of a process, over a
 * period of 30, 90 or 365 days and the caller's municipalities, how many instances passed, how many wait
 * now, the median and 90th-percentile duration, and the share of user tasks finished after (or still open
 * past) their due date. One SQL query over the engine's history tables ({@code HeatmapQuery}), answered as
 * JSON at {@code /api/metrics/heatmap} (bearer token) and to Cockpit's session through the plugin
 * {@code carepath-heatmap} ({@code HeatmapCockpitPlugin}, {@code plugin-webapp/carepath-heatmap/}). No
 * instance id, variable or anything else that names a patient leaves it.
 */
package no.carepath.metrics.heatmap;

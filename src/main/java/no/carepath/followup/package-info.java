/**
 * Digital home follow-up (DHO): the episode of a patient, started by a granted decision. Process
 * {@code processes/followup/followup-episode.bpmn}, forms {@code forms/followup/*}, tables
 * {@code followup_*}. The public API is {@link no.carepath.followup.FollowupService}.
 */
package no.carepath.followup;

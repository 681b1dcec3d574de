/**
 * Demo data of the one-command platform ({@code carepath.demo.enabled}): takes the demo GP
 * referrals through the pathway the way people would (assessment, grant, start-up, home visit), so
 * digital home follow-up has patients measuring at first login. It drives the engine's task API as
 * the Tasklist does; no other module depends on it, and production never loads it.
 */
package no.carepath.demo;

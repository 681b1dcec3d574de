/**
 * One reliable way out. Every message Carepath sends (dialogue messages to the GP, decision
 * letters, the admission report to the hospital, journal notes to the municipal record system) is
 * written to the outbox table {@code messaging_outbox} in the same transaction as the process step
 * that sends it, together with the start of its own {@code messaging-outbound-message} process. The
 * worker of topic {@code messaging-deliver-message} delivers it to the channel's configurable HTTP
 * endpoint with an idempotency key (retries with back-off, an incident in Cockpit after the last),
 * then the process waits for the receiver's application receipt (kvittering): a negative or missing
 * receipt becomes a task for the responsible group, who can send again or record how it was handled.
 *
 * <p>The public API is {@link no.carepath.messaging.Outbox}; {@link no.carepath.messaging.DocumentSource}
 * lets a module attach a document (the decision letter's PDF) without this module knowing it.
 */
package no.carepath.messaging;

/**
 * Escalation to the GP (fastlege), who is medically responsible for the patient: dialogue messages
 * (forespørsel, svar på forespørsel, orientering) sent through the outbox ({@code no.carepath.messaging})
 * to the municipality's message service and answered back over REST, and the urgent path by phone,
 * which never goes by message. Process {@code processes/escalation/escalation-gp-consultation.bpmn},
 * forms {@code forms/escalation/*}, table {@code escalation_dialogue}. The public API is {@link no.carepath.escalation.GpDialogue}.
 */
package no.carepath.escalation;

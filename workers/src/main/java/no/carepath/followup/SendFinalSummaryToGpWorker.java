package no.carepath.followup;

import no.carepath.escalation.DialogueDelivery;
import org.camunda.bpm.client.spring.annotation.ExternalTaskSubscription;
import org.camunda.bpm.client.task.ExternalTask;
import org.camunda.bpm.client.task.ExternalTaskHandler;
import org.camunda.bpm.client.task.ExternalTaskService;
import org.springframework.stereotype.Component;

/** Task_SendFinalSummaryToGp (topic {@code followup-send-final-summary-to-gp}): the final summary to the GP. */
@Component
@ExternalTaskSubscription(topicName = FollowupVariables.TOPIC_SEND_FINAL_SUMMARY,
    variableNames = {DialogueDelivery.DIALOGUE_ID}, lockDuration = 60_000)
class SendFinalSummaryToGpWorker implements ExternalTaskHandler {

  private final DialogueDelivery delivery;

  SendFinalSummaryToGpWorker(DialogueDelivery delivery) {
    this.delivery = delivery;
  }

  @Override
  public void execute(ExternalTask task, ExternalTaskService service) {
    delivery.deliver(task, service);
  }
}

package no.carepath.followup;

import no.carepath.escalation.DialogueDelivery;
import org.camunda.bpm.client.spring.annotation.ExternalTaskSubscription;
import org.camunda.bpm.client.task.ExternalTask;
import org.camunda.bpm.client.task.ExternalTaskHandler;
import org.camunda.bpm.client.task.ExternalTaskService;
import org.springframework.stereotype.Component;

/** Task_SendPlanToGp (topic {@code followup-send-plan-to-gp}): a plan version to the GP for approval. */
@Component
@ExternalTaskSubscription(topicName = FollowupVariables.TOPIC_SEND_PLAN_TO_GP,
    variableNames = {DialogueDelivery.DIALOGUE_ID}, lockDuration = 60_000)
class SendPlanToGpWorker implements ExternalTaskHandler {

  private final DialogueDelivery delivery;

  SendPlanToGpWorker(DialogueDelivery delivery) {
    this.delivery = delivery;
  }

  @Override
  public void execute(ExternalTask task, ExternalTaskService service) {
    delivery.deliver(task, service);
  }
}

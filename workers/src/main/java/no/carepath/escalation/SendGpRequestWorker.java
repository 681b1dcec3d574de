package no.carepath.escalation;

import org.camunda.bpm.client.spring.annotation.ExternalTaskSubscription;
import org.camunda.bpm.client.task.ExternalTask;
import org.camunda.bpm.client.task.ExternalTaskHandler;
import org.camunda.bpm.client.task.ExternalTaskService;
import org.springframework.stereotype.Component;

/** Task_SendGpRequest (topic {@code escalation-send-gp-request}): the forespørsel, or its purring, to the GP. */
@Component
@ExternalTaskSubscription(topicName = EscalationVariables.TOPIC_SEND_GP_REQUEST,
    variableNames = {DialogueDelivery.DIALOGUE_ID}, lockDuration = 60_000)
class SendGpRequestWorker implements ExternalTaskHandler {

  private final DialogueDelivery delivery;

  SendGpRequestWorker(DialogueDelivery delivery) {
    this.delivery = delivery;
  }

  @Override
  public void execute(ExternalTask task, ExternalTaskService service) {
    delivery.deliver(task, service);
  }
}

package no.carepath.transitions;

import java.util.LinkedHashMap;
import java.util.Map;

import no.carepath.messaging.Channel;
import no.carepath.messaging.Outbox;

/** A PLO message about a stay to the hospital, through the outbox: the hospital's names, the sender and the content. */
final class ToHospital {

  private ToHospital() {
  }

  static String send(Outbox outbox, StayStore.Stay stay, String kind, String subject, String senderService,
      String responsibleGroup, Map<String, Object> content) {
    Map<String, Object> body = new LinkedHashMap<>(content);
    body.putIfAbsent("hospitalStayId", stay.hospitalStayRef());
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("hospitalName", stay.hospitalName());
    payload.put("hospitalOrganisation", stay.hospitalOrgNumber());
    payload.put("senderService", senderService);
    payload.put("content", body);
    return outbox.send(new Outbox.Outgoing(Channel.HOSPITAL, kind, stay.municipalityNumber(), stay.patientId(),
        stay.stayId(), subject, payload, responsibleGroup));
  }
}

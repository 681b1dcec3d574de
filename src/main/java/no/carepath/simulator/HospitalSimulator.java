package no.carepath.simulator;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Stands in for the hospital (helseforetaket): its PLO reception takes the municipality's messages
 * such as the admission report (innleggelsesrapport) on {@code POST /hospital/plo-meldinger} and
 * acknowledges them with an application receipt.
 */
public final class HospitalSimulator extends MessageReceiverSimulator {

  private HospitalSimulator(int port, Path storage) {
    super(port, "/hospital", "/plo-meldinger", "hospital simulator", storage, "HF-PLO-");
  }

  /** Starts on {@code port} (0 picks a free one); receipts go to Carepath with the message service's token. */
  public static HospitalSimulator start(int port, Path storage, String carepathBaseUrl, String tokenEndpoint,
      String messagingClientId, String messagingSecret) {
    HospitalSimulator simulator = new HospitalSimulator(port, storage);
    simulator.sendReceipts(carepathBaseUrl, new ClientCredentials(tokenEndpoint, messagingClientId, messagingSecret),
        Duration.ofSeconds(3), "hospital-simulator");
    simulator.start();
    return simulator;
  }
}

package no.carepath.security;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The municipalities this installation serves ({@code carepath.municipalities}: number to name).
 * Every case and episode carries one of these numbers.
 */
@ConfigurationProperties("carepath")
public class Municipalities {

  private final Map<String, String> municipalities = new TreeMap<>();

  public Map<String, String> getMunicipalities() {
    return municipalities;
  }

  public boolean serves(String number) {
    return number != null && municipalities.containsKey(number);
  }

  public Optional<String> name(String number) {
    return Optional.ofNullable(municipalities.get(number));
  }

  public String nameOrNumber(String number) {
    return municipalities.getOrDefault(number, number);
  }
}

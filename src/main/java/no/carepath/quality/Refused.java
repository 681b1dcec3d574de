package no.carepath.quality;

import java.util.List;

/** What a person typed or chose could not be used: every problem in Norwegian, and nothing was stored. */
public class Refused extends RuntimeException {

  private final List<String> problems;

  Refused(List<String> problems) {
    super(String.join(" ", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}

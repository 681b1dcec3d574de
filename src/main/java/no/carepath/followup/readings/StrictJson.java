package no.carepath.followup.readings;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;

/**
 * Reads a FHIR JSON body once, before the FHIR parser, and refuses what a lenient parser would let
 * through or describe in its own terms: a key twice in one object (two parsers may each keep a
 * different one), nesting deeper than any Observation or Bundle needs, numbers longer than a
 * measurement can be, empty strings (FHIR forbids them) and identifiers with spaces around them.
 * Every refusal says where (line, column and the JSON path) in plain Norwegian.
 */
public final class StrictJson {

  /** A Bundle of Observations with components needs about 10 levels. */
  public static final int MAX_DEPTH = 32;
  /** A measurement needs a few digits; 30 characters also allow an exponent. */
  public static final int MAX_NUMBER_LENGTH = 30;

  private static final JsonFactory FACTORY = JsonFactory.builder()
      // the parser's own limits stay far above ours, so that ours, with their plain words, come first
      .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(1000).maxNumberLength(1000).build())
      .build();

  private StrictJson() {
  }

  /** Thrown with a message that says, in Norwegian, what is wrong and where. */
  public static final class Refused extends RuntimeException {
    private final String path;

    Refused(String message, String path) {
      super(message);
      this.path = path;
    }

    /** The JSON path of the problem ({@code Observation.identifier[0].value}), or {@code null}. */
    public String path() {
      return path;
    }
  }

  public static void check(byte[] body) {
    Deque<Set<String>> keys = new ArrayDeque<>();
    try (JsonParser parser = FACTORY.createParser(body)) {
      JsonToken token;
      while ((token = parser.nextToken()) != null) {
        switch (token) {
          case START_OBJECT, START_ARRAY -> {
            if (keys.size() >= MAX_DEPTH) {
              throw refused("Innholdet er nøstet for dypt: mer enn " + MAX_DEPTH + " nivåer med objekter og lister"
                  + " inni hverandre. En Observation eller Bundle trenger langt færre.", parser);
            }
            keys.addLast(token == JsonToken.START_OBJECT ? new HashSet<>() : Set.of());
          }
          case END_OBJECT, END_ARRAY -> keys.removeLast();
          case FIELD_NAME -> {
            if (!keys.getLast().add(parser.currentName())) {
              throw refused("Nøkkelen «" + parser.currentName() + "» står to ganger i samme objekt («" + where(parser)
                  + "»). Hver nøkkel kan bare brukes én gang; fjern den ene.", parser);
            }
          }
          case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
            if (parser.getTextLength() > MAX_NUMBER_LENGTH) {
              throw refused("Tallet ved «" + where(parser) + "» har " + parser.getTextLength() + " tegn; høyst "
                  + MAX_NUMBER_LENGTH + " er tillatt.", parser);
            }
          }
          case VALUE_STRING -> {
            String text = parser.getText();
            if (text.isEmpty()) {
              throw refused("Tom tekst ved «" + where(parser) + "». FHIR tillater ikke tomme verdier; utelat feltet"
                  + " eller fyll det ut.", parser);
            }
            String name = parser.currentName();
            // the path is built only where it can matter: it costs more than the rest of the check
            if (("value".equals(name) || "system".equals(name)) && !text.equals(text.strip())
                && isIdentifierPart(where(parser))) {
              String at = where(parser);
              throw refused("Verdien ved «" + at + "» har mellomrom eller linjeskift foran eller bak. Identifikatorer"
                  + " må sendes nøyaktig, uten mellomrom.", parser);
            }
          }
          default -> {
          }
        }
      }
    } catch (Refused refused) {
      throw refused;
    } catch (com.fasterxml.jackson.core.exc.StreamConstraintsException e) {
      throw new Refused("Innholdet har et tall eller en tekst som er altfor lang. Tall kan ha høyst " + MAX_NUMBER_LENGTH
          + " tegn.", null);
    } catch (JsonProcessingException e) {
      JsonLocation location = e.getLocation();
      throw new Refused("Innholdet er ikke gyldig JSON" + (location == null ? "" : " (linje " + location.getLineNr()
          + ", kolonne " + location.getColumnNr() + ")") + ". Sjekk klammer, komma og anførselstegn.", null);
    } catch (IOException e) {
      throw new Refused("Innholdet kunne ikke leses som JSON.", null);
    }
  }

  /** The current place as a path: {@code entry[0].resource.identifier[1].value}. */
  static String where(JsonParser parser) {
    StringBuilder at = new StringBuilder();
    for (String segment : parser.getParsingContext().pathAsPointer().toString().split("/")) {
      if (segment.isEmpty()) {
        continue;
      }
      String name = segment.replace("~1", "/").replace("~0", "~");
      if (name.chars().allMatch(Character::isDigit)) {
        at.append('[').append(name).append(']');
      } else {
        at.append(at.isEmpty() ? "" : ".").append(name);
      }
    }
    return at.toString();
  }

  /** identifier values and systems, the patient's too: keys of stored readings, compared exactly. */
  private static boolean isIdentifierPart(String at) {
    return at.matches(".*\\bidentifier(\\[\\d+])?\\.(value|system)");
  }

  private static Refused refused(String message, JsonParser parser) {
    JsonLocation location = parser.currentLocation();
    return new Refused(message + " (linje " + location.getLineNr() + ", kolonne " + location.getColumnNr() + ")",
        where(parser));
  }
}

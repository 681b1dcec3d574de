package no.carepath.followup.readings;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Map;

import no.carepath.followup.triage.VitalSign;
import org.fhir.ucum.Decimal;
import org.fhir.ucum.UcumEssenceService;
import org.fhir.ucum.UcumException;
import org.fhir.ucum.UcumService;

/**
 * Quantities in any UCUM unit of the right dimension, converted to the sign's canonical unit
 * ({@link VitalSign#ucum()}) with the FHIR community's UCUM library ({@code org.fhir:ucum}): weight in
 * kg, g or [lb_av]; glucose in mmol/L (mmol/l is the same unit: UCUM's litre is l or L) or, through
 * glucose's molar mass, in mg/dL; pressure in mm[Hg] or kPa. Temperatures (Cel, [degF], K) are
 * units with an offset, which the library validates but does not convert; their formulas are here.
 *
 * <p>A value in the canonical unit is kept exactly as sent (its precision too). A converted value is
 * rounded to one decimal more than the sign is shown with; the value and unit as sent are kept beside it.
 */
public final class Units {

  /** Molar mass of glucose (C6H12O6), g/mol: mg/dL / 18.016 = mmol/L. */
  static final BigDecimal GLUCOSE_MOLAR_MASS = new BigDecimal("180.156");

  private static final UcumService UCUM = load();
  private static final Map<String, String> TEMPERATURES = Map.of("Cel", "Cel", "[degF]", "[degF]", "K", "K");

  private Units() {
  }

  /** A value in the sign's canonical unit, or why the unit cannot be used. */
  public sealed interface Conversion permits Converted, Refused {
  }

  /**
   * @param value in the canonical unit
   * @param converted whether the unit sent was not the canonical one (then the sent value and unit are kept)
   */
  public record Converted(BigDecimal value, boolean converted) implements Conversion {
  }

  /** @param reason Norwegian, naming the unit expected */
  public record Refused(String reason) implements Conversion {
  }

  public static Conversion toCanonical(VitalSign sign, BigDecimal value, String unit) {
    String canonical = sign.ucum();
    if (canonical.equals(unit)) {
      return new Converted(value, false);
    }
    if (unit == null || unit.isEmpty()) {
      return refused(sign, "ingen enhet");
    }
    if (UCUM.validate(unit) != null) {
      return refused(sign, "«" + unit + "», som ikke er en UCUM-enhet (UCUM skiller mellom store og små bokstaver)");
    }
    try {
      if (sign == VitalSign.TEMPERATURE) {
        return temperature(sign, value, unit);
      }
      if (UCUM.isComparable(unit, canonical)) {
        return converted(sign, value, UCUM.convert(decimal(value), unit, canonical));
      }
      if (sign == VitalSign.GLUCOSE && UCUM.isComparable(unit, "g/L")) {
        BigDecimal gramsPerLitre = big(UCUM.convert(decimal(value), unit, "g/L"));
        BigDecimal mmolPerLitre = gramsPerLitre.multiply(BigDecimal.valueOf(1000))
            .divide(GLUCOSE_MOLAR_MASS, MathContext.DECIMAL64);
        return converted(sign, value, mmolPerLitre);
      }
    } catch (UcumException | ArithmeticException e) {
      return refused(sign, "«" + unit + "», som ikke kan regnes om");
    }
    return refused(sign, "«" + unit + "», som ikke måler det samme");
  }

  private static Conversion temperature(VitalSign sign, BigDecimal value, String unit) {
    if (!TEMPERATURES.containsKey(unit)) {
      return refused(sign, "«" + unit + "», som ikke er en temperatur");
    }
    BigDecimal celsius = switch (unit) {
      case "[degF]" -> value.subtract(BigDecimal.valueOf(32)).multiply(BigDecimal.valueOf(5))
          .divide(BigDecimal.valueOf(9), MathContext.DECIMAL64);
      case "K" -> value.subtract(new BigDecimal("273.15"));
      default -> value;
    };
    return converted(sign, value, celsius);
  }

  private static Conversion converted(VitalSign sign, BigDecimal sent, Decimal result) {
    return converted(sign, sent, big(result));
  }

  private static Conversion converted(VitalSign sign, BigDecimal sent, BigDecimal result) {
    if (result.compareTo(sent) == 0) {
      // the same number in another spelling of the unit (mmol/l, l/min): kept exactly as sent
      return new Converted(sent, true);
    }
    BigDecimal rounded = result.setScale(sign.decimals() + 1, RoundingMode.HALF_UP).stripTrailingZeros();
    return new Converted(rounded.scale() < 0 ? rounded.setScale(0) : rounded, true);
  }

  private static Refused refused(VitalSign sign, String got) {
    return new Refused("Feil enhet for " + sign.label().toLowerCase() + ": fikk " + got + ", forventet «" + sign.ucum()
        + "» eller en annen UCUM-enhet for " + dimension(sign) + " (system " + ObservationMapper.UCUM + ").");
  }

  /** What the sign measures, in words, for the error message. */
  static String dimension(VitalSign sign) {
    return switch (sign) {
      case SYSTOLIC_BP, DIASTOLIC_BP -> "trykk, f.eks. mm[Hg] eller kPa";
      case PULSE, RESPIRATORY_RATE -> "frekvens, f.eks. /min";
      case SPO2 -> "andel, f.eks. %";
      case TEMPERATURE -> "temperatur: Cel, [degF] eller K";
      case WEIGHT -> "vekt, f.eks. kg, g eller [lb_av]";
      case GLUCOSE -> "konsentrasjon, f.eks. mmol/L eller mg/dL";
      case INHALED_OXYGEN -> "strømning, f.eks. L/min";
      case CONSCIOUSNESS -> "bevissthet";
    };
  }

  private static Decimal decimal(BigDecimal value) throws UcumException {
    return new Decimal(value.toPlainString());
  }

  private static BigDecimal big(Decimal decimal) {
    return new BigDecimal(decimal.asDecimal());
  }

  private static UcumService load() {
    try (InputStream essence = UcumEssenceService.class.getResourceAsStream("/ucum-essence.xml")) {
      return new UcumEssenceService(essence);
    } catch (IOException | UcumException e) {
      throw new UncheckedIOException(new IOException("UCUM definitions could not be read", e));
    }
  }
}

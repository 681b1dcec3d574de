package no.carepath.followup;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import no.carepath.followup.readings.StoredReading;
import no.carepath.followup.triage.Colour;
import no.carepath.followup.triage.ThresholdSet;
import no.carepath.followup.triage.Thresholds;
import no.carepath.followup.triage.VitalSign;
import org.springframework.stereotype.Component;

/**
 * The last 14 days of a patient's readings as an SVG image: one panel per sign, the green range of
 * the thresholds that apply now as a band, red and yellow limits as lines, each reading a dot in its
 * triage colour. Drawn on the server, so the Tasklist form shows it as a plain image.
 */
@Component
class ReadingsChart {

  private static final int WIDTH = 760;
  private static final int PANEL = 96;
  private static final int LEFT = 150;
  private static final int RIGHT = 16;
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd.MM");

  private final Clock clock;
  private final ZoneId zone;

  ReadingsChart(Clock clock) {
    this.clock = clock;
    this.zone = clock.getZone();
  }

  String svg(List<StoredReading> readings, ThresholdSet thresholds, List<VitalSign> measured) {
    List<VitalSign> signs = new ArrayList<>(measured);
    readings.stream().map(StoredReading::sign).distinct().filter(sign -> !signs.contains(sign)).forEach(signs::add);
    Instant end = clock.instant();
    Instant start = end.minus(EpisodeViews.READINGS_SHOWN);
    int height = Math.max(1, signs.size()) * PANEL + 24;
    StringBuilder svg = new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH)
        .append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(height)
        .append("\" font-family=\"sans-serif\" font-size=\"11\"><rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>");
    if (signs.isEmpty()) {
      svg.append("<text x=\"10\" y=\"20\">Ingen målinger de siste 14 dagene.</text>");
    }
    for (int i = 0; i < signs.size(); i++) {
      VitalSign sign = signs.get(i);
      List<StoredReading> values = readings.stream().filter(reading -> reading.sign() == sign).toList();
      panel(svg, i * PANEL, sign, values, thresholds.forSign(sign).orElse(null), start, end);
    }
    int axisY = signs.size() * PANEL + 14;
    for (int day = 0; day <= 14; day += 2) {
      Instant at = start.plus(Duration.ofDays(day));
      svg.append("<text x=\"").append(x(at, start, end) - 12).append("\" y=\"").append(axisY).append("\" fill=\"#555\">")
          .append(DAY.format(at.atZone(zone))).append("</text>");
    }
    return svg.append("</svg>").toString();
  }

  private void panel(StringBuilder svg, int top, VitalSign sign, List<StoredReading> values, Thresholds limits,
      Instant start, Instant end) {
    double min = values.stream().mapToDouble(StoredReading::value).min().orElse(Double.NaN);
    double max = values.stream().mapToDouble(StoredReading::value).max().orElse(Double.NaN);
    if (limits != null) {
      for (Double bound : new Double[] {limits.redBelow(), limits.yellowBelow(), limits.yellowAbove(), limits.redAbove()}) {
        if (bound != null) {
          min = Double.isNaN(min) ? bound : Math.min(min, bound);
          max = Double.isNaN(max) ? bound : Math.max(max, bound);
        }
      }
    }
    if (Double.isNaN(min)) {
      min = sign.plausibleMin();
      max = sign.plausibleMax();
    }
    double pad = Math.max((max - min) * 0.15, 1);
    double low = Math.max(sign.plausibleMin(), min - pad);
    double high = Math.min(sign.plausibleMax(), max + pad);
    if (high <= low) {
      high = low + 1;
    }
    int plotTop = top + 8;
    int plotHeight = PANEL - 22;
    svg.append("<text x=\"6\" y=\"").append(plotTop + 12).append("\" font-weight=\"bold\">").append(escape(sign.label()))
        .append("</text><text x=\"6\" y=\"").append(plotTop + 26).append("\" fill=\"#555\">").append(escape(sign.unitLabel()))
        .append("</text>");
    svg.append("<rect x=\"").append(LEFT).append("\" y=\"").append(plotTop).append("\" width=\"").append(WIDTH - LEFT - RIGHT)
        .append("\" height=\"").append(plotHeight).append("\" fill=\"#fafafa\" stroke=\"#ddd\"/>");
    if (limits != null) {
      double greenLow = limits.yellowBelow() == null ? low : Math.max(low, limits.yellowBelow());
      double greenHigh = limits.yellowAbove() == null ? high : Math.min(high, limits.yellowAbove());
      svg.append("<rect x=\"").append(LEFT).append("\" y=\"").append(y(greenHigh, low, high, plotTop, plotHeight))
          .append("\" width=\"").append(WIDTH - LEFT - RIGHT).append("\" height=\"")
          .append(Math.max(0, y(greenLow, low, high, plotTop, plotHeight) - y(greenHigh, low, high, plotTop, plotHeight)))
          .append("\" fill=\"#e7f5ea\"/>");
      line(svg, limits.yellowBelow(), "#d6a400", low, high, plotTop, plotHeight);
      line(svg, limits.yellowAbove(), "#d6a400", low, high, plotTop, plotHeight);
      line(svg, limits.redBelow(), "#c62828", low, high, plotTop, plotHeight);
      line(svg, limits.redAbove(), "#c62828", low, high, plotTop, plotHeight);
    }
    svg.append("<text x=\"").append(LEFT - 6).append("\" y=\"").append(plotTop + 10).append("\" text-anchor=\"end\" fill=\"#555\">")
        .append(format(high, sign)).append("</text><text x=\"").append(LEFT - 6).append("\" y=\"").append(plotTop + plotHeight)
        .append("\" text-anchor=\"end\" fill=\"#555\">").append(format(low, sign)).append("</text>");
    StringBuilder path = new StringBuilder();
    for (StoredReading reading : values) {
      path.append(path.isEmpty() ? "M" : " L").append(x(reading.measuredAt(), start, end)).append(',')
          .append(y(reading.value(), low, high, plotTop, plotHeight));
    }
    if (!path.isEmpty()) {
      svg.append("<path d=\"").append(path).append("\" fill=\"none\" stroke=\"#90a4ae\" stroke-width=\"1\"/>");
    }
    for (StoredReading reading : values) {
      Colour colour = reading.interpretation().colour();
      svg.append("<circle cx=\"").append(x(reading.measuredAt(), start, end)).append("\" cy=\"")
          .append(y(reading.value(), low, high, plotTop, plotHeight)).append("\" r=\"").append(colour == Colour.GREEN ? 3 : 5)
          .append("\" fill=\"").append(switch (colour) {
            case RED -> "#c62828";
            case YELLOW -> "#f0b400";
            default -> "#2e7d32";
          }).append("\"><title>").append(escape(no.carepath.followup.readings.Deviations.describe(reading))).append("</title></circle>");
    }
  }

  private static void line(StringBuilder svg, Double bound, String colour, double low, double high, int top, int height) {
    if (bound == null || bound < low || bound > high) {
      return;
    }
    int y = y(bound, low, high, top, height);
    svg.append("<line x1=\"").append(LEFT).append("\" x2=\"").append(WIDTH - RIGHT).append("\" y1=\"").append(y)
        .append("\" y2=\"").append(y).append("\" stroke=\"").append(colour).append("\" stroke-dasharray=\"4 3\"/>");
  }

  private static int x(Instant at, Instant start, Instant end) {
    double share = (double) Duration.between(start, at).toMillis() / Duration.between(start, end).toMillis();
    return LEFT + (int) Math.round(Math.max(0, Math.min(1, share)) * (WIDTH - LEFT - RIGHT));
  }

  private static int y(double value, double low, double high, int top, int height) {
    return top + (int) Math.round((high - value) / (high - low) * height);
  }

  private static String format(double value, VitalSign sign) {
    return String.format(Locale.forLanguageTag("nb-NO"), "%." + sign.decimals() + "f", value);
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;");
  }
}

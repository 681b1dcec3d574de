package no.carepath.metrics;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Rectangle;
import java.awt.geom.Ellipse2D;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;
import java.util.List;
import java.util.Locale;

import no.carepath.metrics.IndicatorSeries.Series;
import no.carepath.metrics.spc.ControlChart;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.ViewBox;

/**
 * An indicator's SPC chart as SVG, for documents (the statistics pack): JFreeChart drawn on
 * JFreeSVG's canvas, so the chart stays a vector drawing in the PDF. The pages draw the same chart
 * with ECharts in the browser; this is its printed twin: values as a line with points, points outside
 * the limits in red, the centre line, the limits dashed, and a line where the baseline ends.
 */
public final class ChartSvg {

  /** The font the charts are drawn in; {@code platform.Documents} registers it with AWT. */
  public static final String FONT = "Liberation Sans";

  private static final Color VALUE = new Color(0x1f4e79);
  private static final Color SPECIAL = new Color(0xc00000);
  private static final Color LIMIT = new Color(0x7f7f7f);
  private static final Locale NORWEGIAN = Locale.forLanguageTag("nb-NO");

  private ChartSvg() {
  }

  /** The series' control chart, {@code width} by {@code height} points, as an {@code <svg>} element. */
  public static String controlChart(Series series, int width, int height) {
    ControlChart.Chart chart = series.chart();
    List<ControlChart.Point> points = chart.points();
    XYSeries values = new XYSeries("Verdi", false, true);
    XYSeries upper = new XYSeries("Øvre grense", false, true);
    XYSeries lower = new XYSeries("Nedre grense", false, true);
    for (int i = 0; i < points.size(); i++) {
      ControlChart.Point point = points.get(i);
      values.add(i, point.value());
      upper.add(i, point.upper());
      lower.add(i, point.lower());
    }
    // points outside the limits: drawn again in red, without a line
    XYSeries outside = new XYSeries("Utenfor grensene", false, true);
    for (int i = 0; i < points.size(); i++) {
      outside.add(i, points.get(i).outside() ? points.get(i).value() : null);
    }
    XYSeriesCollection data = new XYSeriesCollection();
    data.addSeries(values);
    data.addSeries(upper);
    data.addSeries(lower);
    data.addSeries(outside);

    Font small = new Font(FONT, Font.PLAIN, 8);
    NumberAxis x = new NumberAxis();
    x.setTickUnit(new NumberTickUnit(Math.max(1, (points.size() + 7) / 8)));
    x.setNumberFormatOverride(new LabelFormat(points));
    x.setTickLabelFont(small);
    x.setRange(-0.5, Math.max(0.5, points.size() - 0.5));
    NumberAxis y = new NumberAxis();
    y.setAutoRangeIncludesZero(false);
    // every indicator is a count, a time, a rate or a share: nothing below zero, and a flat series still
    // gets an axis a person can read
    y.setRangeType(org.jfree.data.RangeType.POSITIVE);
    y.setAutoRangeMinimumSize(series.indicator().share() ? 0.1 : 1.0);
    y.setTickLabelFont(small);
    y.setNumberFormatOverride(series.indicator().share() ? percent() : decimal());

    XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer();
    renderer.setSeriesPaint(0, VALUE);
    renderer.setSeriesStroke(0, new BasicStroke(1.2f));
    renderer.setSeriesShape(0, new Ellipse2D.Double(-2, -2, 4, 4));
    BasicStroke dashed = new BasicStroke(0.8f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {3f, 3f}, 0f);
    for (int limit = 1; limit <= 2; limit++) {
      renderer.setSeriesPaint(limit, LIMIT);
      renderer.setSeriesStroke(limit, dashed);
      renderer.setSeriesShapesVisible(limit, false);
    }

    renderer.setSeriesPaint(3, SPECIAL);
    renderer.setSeriesLinesVisible(3, false);
    renderer.setSeriesShape(3, new Ellipse2D.Double(-2.5, -2.5, 5, 5));

    XYPlot plot = new XYPlot(data, x, y, renderer);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinesVisible(false);
    plot.setRangeGridlinePaint(new Color(0xdddddd));
    plot.setOutlineVisible(false);
    plot.setAxisOffset(RectangleInsets.ZERO_INSETS);
    if (!Double.isNaN(chart.centre())) {
      ValueMarker centre = new ValueMarker(chart.centre(), Color.BLACK, new BasicStroke(0.8f));
      plot.addRangeMarker(centre);
    }
    if (chart.baseline() > 0 && chart.baseline() < points.size()) {
      ValueMarker baseline = new ValueMarker(chart.baseline() - 0.5, LIMIT, new BasicStroke(0.6f));
      baseline.setLabel("Grunnlag | etter");
      baseline.setLabelFont(small);
      baseline.setLabelBackgroundColor(new Color(255, 255, 255, 0));
      baseline.setLabelAnchor(org.jfree.chart.ui.RectangleAnchor.TOP);
      baseline.setLabelTextAnchor(org.jfree.chart.ui.TextAnchor.TOP_CENTER);
      plot.addDomainMarker(baseline);
    }
    JFreeChart drawn = new JFreeChart(null, small, plot, false);
    drawn.setBackgroundPaint(Color.WHITE);
    drawn.setAntiAlias(true);
    drawn.setPadding(new RectangleInsets(4, 2, 2, 6));

    SVGGraphics2D canvas = new SVGGraphics2D(width, height);
    // several charts share a document: their clip paths need ids of their own
    canvas.setDefsKeyPrefix(series.indicator().id() + "-");
    drawn.draw(canvas, new Rectangle(0, 0, width, height));
    // sized by the document's CSS (.chart svg), drawn in these units
    // (in whole numbers: openhtmltopdf reads the view box as integers)
    return canvas.getSVGElement(null, false, new ViewBox(0, 0, width, height), null, null)
        .replaceFirst("viewBox='[^']*'", "viewBox='0 0 " + width + " " + height + "'")
        // the text a screen reader gives for the chart (PDF/UA)
        .replaceFirst("^<svg ", "<svg alt='" + attribute("Kontrolldiagram for " + series.indicator().name() + ": "
            + series.verdict().variation().label()) + "' ");
  }

  private static String attribute(String text) {
    return text.replace("&", "&amp;").replace("'", "&apos;").replace("<", "&lt;").replace(">", "&gt;");
  }

  private static NumberFormat percent() {
    DecimalFormat format = new DecimalFormat("0 %", DecimalFormatSymbols.getInstance(NORWEGIAN));
    return format;
  }

  private static NumberFormat decimal() {
    return new DecimalFormat("#,##0.#", DecimalFormatSymbols.getInstance(NORWEGIAN));
  }

  /** The x axis: the period's label at each whole index. */
  private static final class LabelFormat extends NumberFormat {

    private final List<ControlChart.Point> points;

    LabelFormat(List<ControlChart.Point> points) {
      this.points = points;
    }

    @Override
    public StringBuffer format(double number, StringBuffer target, FieldPosition position) {
      return format(Math.round(number), target, position);
    }

    @Override
    public StringBuffer format(long number, StringBuffer target, FieldPosition position) {
      if (number >= 0 && number < points.size()) {
        target.append(points.get((int) number).label());
      }
      return target;
    }

    @Override
    public Number parse(String source, ParsePosition position) {
      return null;
    }
  }
}

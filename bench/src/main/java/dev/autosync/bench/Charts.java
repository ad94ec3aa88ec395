package dev.autosync.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.util.Arrays;
import java.util.Optional;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.statistics.HistogramDataset;
import org.jfree.data.statistics.HistogramType;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The report's PNG charts, drawn headless with JFreeChart from the series the sections recorded. A chart whose
 * data is absent (its section did not run) is not drawn.
 */
final class Charts {

    private static final int WIDTH = 800;
    private static final int HEIGHT = 450;

    private Charts() {
    }

    /** Webhook ack latency: share of deliveries answered within x ms, handler against the bare SendMessage. */
    static Optional<String> ackLatency(Figures figures, Path directory) throws IOException {
        Optional<double[]> handler = figures.series("webhook.handler.ms");
        Optional<double[]> bare = figures.series("webhook.bare.ms");
        if (handler.isEmpty() || bare.isEmpty()) {
            return Optional.empty();
        }
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(distribution("webhook handler", handler.get()));
        data.addSeries(distribution("bare SQS SendMessage (baseline)", bare.get()));
        JFreeChart chart = ChartFactory.createXYLineChart("Webhook ack latency, cumulative distribution",
                "latency (ms, up to the 99.5th percentile)", "share of deliveries answered", data,
                PlotOrientation.VERTICAL, true, false, false);
        return Optional.of(save(chart, directory, "webhook-ack-latency.png"));
    }

    /** Rate-limit points of one periodic sync run against the seed system's polling of the same installation. */
    static Optional<String> rateLimitPoints(Figures figures, Path directory) throws IOException {
        Optional<double[]> idle = figures.series("sync.points.idle");
        Optional<double[]> changed = figures.series("sync.points.changed");
        Optional<double[]> seed = figures.series("sync.points.seed");
        if (idle.isEmpty() || changed.isEmpty() || seed.isEmpty()) {
            return Optional.empty();
        }
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        data.addValue(idle.get()[0], "autosync", "idle run");
        data.addValue(seed.get()[0], "seed's polling (baseline)", "idle run");
        data.addValue(changed.get()[0], "autosync", "run after changes, webhooks lost");
        data.addValue(seed.get()[0], "seed's polling (baseline)", "run after changes, webhooks lost");
        JFreeChart chart = ChartFactory.createBarChart("GitHub rate-limit points per run, 1,000 repositories",
                "periodic run", "installation rate-limit points", data, PlotOrientation.VERTICAL, true, false, false);
        CategoryPlot plot = chart.getCategoryPlot();
        // Tens of points against thousands: on a linear axis autosync's bars would not show.
        LogAxis points = new LogAxis("installation rate-limit points (log scale)");
        points.setRange(1, 3 * Math.max(seed.get()[0], Math.max(idle.get()[0], changed.get()[0])));
        points.setTickUnit(new NumberTickUnit(1)); // one tick a decade: 1, 10, 100, 1,000
        points.setNumberFormatOverride(new DecimalFormat("#,##0"));
        plot.setRangeAxis(points);
        BarRenderer renderer = (BarRenderer) plot.getRenderer();
        renderer.setBase(1);
        renderer.setDefaultItemLabelGenerator(new StandardCategoryItemLabelGenerator());
        renderer.setDefaultItemLabelsVisible(true);
        return Optional.of(save(chart, directory, "rate-limit-points.png"));
    }

    /** Backlog over time of the load section: pairs (second, messages waiting) in series {@code load.backlog}. */
    static Optional<String> backlog(Figures figures, Path directory) throws IOException {
        Optional<double[]> backlog = figures.series("load.backlog");
        if (backlog.isEmpty()) {
            return Optional.empty();
        }
        XYSeries series = new XYSeries("events queue backlog");
        double[] pairs = backlog.get();
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            series.add(pairs[i], pairs[i + 1]);
        }
        JFreeChart chart = ChartFactory.createXYLineChart("Events queue backlog over time under load",
                "seconds since the steady rate started", "messages waiting or in flight", new XYSeriesCollection(series),
                PlotOrientation.VERTICAL, true, false, false);
        figures.series("load.stopped").ifPresent(stopped -> {
            ValueMarker marker = new ValueMarker(stopped[0], Color.GRAY, new BasicStroke(1.5f));
            marker.setLabel("last acknowledgement");
            marker.setLabelAnchor(RectangleAnchor.TOP_LEFT);
            marker.setLabelTextAnchor(TextAnchor.TOP_RIGHT);
            chart.getXYPlot().addDomainMarker(marker);
        });
        return Optional.of(save(chart, directory, "backlog.png"));
    }

    /**
     * Ack latency under load: the share of deliveries answered in each latency bin, through the gateway against a
     * bare SendMessage sent alongside, both cut at the higher 99.5th percentile so the tail does not squash the body.
     */
    static Optional<String> loadAckLatency(Figures figures, Path directory) throws IOException {
        Optional<double[]> ack = figures.series("load.ack.ms");
        Optional<double[]> bare = figures.series("load.bare.ms");
        if (ack.isEmpty() || bare.isEmpty() || ack.get().length == 0 || bare.get().length == 0) {
            return Optional.empty();
        }
        double cut = Math.max(cutAt995(ack.get()), cutAt995(bare.get()));
        HistogramDataset data = new HistogramDataset();
        data.setType(HistogramType.RELATIVE_FREQUENCY);
        data.addSeries("gateway ack (webhook function and its queue write)", below(ack.get(), cut), 60, 0, cut);
        data.addSeries("bare SQS SendMessage alongside (baseline)", below(bare.get(), cut), 60, 0, cut);
        JFreeChart chart = ChartFactory.createHistogram("Ack latency under load, distribution",
                "latency (ms, from when each delivery was due; up to the 99.5th percentile)", "share of deliveries",
                data, PlotOrientation.VERTICAL, true, false, false);
        chart.getXYPlot().setForegroundAlpha(0.6f);
        return Optional.of(save(chart, directory, "load-ack-latency.png"));
    }

    private static double cutAt995(double[] millis) {
        double[] sorted = millis.clone();
        Arrays.sort(sorted);
        return sorted[(int) Math.ceil(sorted.length * 0.995) - 1];
    }

    private static double[] below(double[] millis, double cut) {
        return Arrays.stream(millis).filter(value -> value <= cut).toArray();
    }

    /** Cumulative share against latency, cut at the 99.5th percentile so the tail does not flatten the body. */
    private static XYSeries distribution(String name, double[] millis) {
        double[] sorted = millis.clone();
        Arrays.sort(sorted);
        XYSeries series = new XYSeries(name);
        int last = (int) Math.ceil(sorted.length * 0.995) - 1;
        int step = Math.max(1, sorted.length / 400);
        for (int i = 0; i <= last; i += step) {
            series.add(sorted[i], (i + 1) / (double) sorted.length);
        }
        return series;
    }

    private static String save(JFreeChart chart, Path directory, String file) throws IOException {
        chart.setBackgroundPaint(Color.WHITE);
        chart.getPlot().setBackgroundPaint(Color.WHITE);
        ChartUtils.saveChartAsPNG(directory.resolve(file).toFile(), chart, WIDTH, HEIGHT);
        return file;
    }
}

package io.scaleplan.compiler.emit.sim;

import io.scaleplan.compiler.simulate.ServiceRun;
import io.scaleplan.compiler.simulate.Simulation;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.AxisLocation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.renderer.xy.XYStepRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.svg.SVGGraphics2D;

/**
 * The simulation as a chart, one panel per service over a shared time axis (minutes): the load
 * and the ready capacity in rps on the left axis, the replicas asked for and the ready pods on the
 * right axis. Drawn headless into memory, as PNG bytes or SVG text; nothing touches the disk.
 */
public final class SimulationCharts {
    private static final int WIDTH = 1200;
    private static final int PANEL_HEIGHT = 340;
    private static final Color LOAD = new Color(0xD6, 0x27, 0x28);
    private static final Color CAPACITY = new Color(0x1F, 0x77, 0xB4);
    private static final Color REPLICAS = new Color(0x2C, 0xA0, 0x2C);
    private static final Color READY = new Color(0x7F, 0x7F, 0x7F);

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private SimulationCharts() {}

    /** The chart as a PNG image. */
    public static byte[] png(Simulation sim) {
        BufferedImage image = new BufferedImage(WIDTH, height(sim), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            chart(sim).draw(g, new Rectangle(WIDTH, height(sim)));
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // writing to memory does not fail
        }
        return out.toByteArray();
    }

    /** The chart as an SVG document. */
    public static String svg(Simulation sim) {
        SVGGraphics2D g = new SVGGraphics2D(WIDTH, height(sim));
        g.setDefsKeyPrefix("scaleplan"); // fixed ids instead of a time-based prefix
        chart(sim).draw(g, new Rectangle(WIDTH, height(sim)));
        String doc = g.getSVGDocument();
        return doc.endsWith("\n") ? doc : doc + "\n";
    }

    private static int height(Simulation sim) {
        return 110 + PANEL_HEIGHT * Math.max(1, sim.runs().size());
    }

    static JFreeChart chart(Simulation sim) {
        NumberAxis time = new NumberAxis(
                "minutes from the start of load profile " + sim.profile().name());
        CombinedDomainXYPlot combined = new CombinedDomainXYPlot(time);
        combined.setGap(18);
        for (ServiceRun r : sim.runs()) {
            combined.add(panel(r), 1);
        }
        JFreeChart chart = new JFreeChart(
                "Plan " + sim.plan().name() + ": simulated HPA (sync "
                        + sim.options().controller().syncSeconds() + " s, pods ready after "
                        + sim.options().readySeconds() + " s)",
                new Font(Font.SANS_SERIF, Font.BOLD, 18),
                combined,
                false);
        chart.setBackgroundPaint(Color.WHITE);
        sim.runs().forEach(r -> chart.addSubtitle(subtitle(r)));
        LegendTitle legend = new LegendTitle(
                combined.getSubplots().isEmpty()
                        ? combined
                        : (XYPlot) combined.getSubplots().get(0));
        legend.setPosition(RectangleEdge.BOTTOM);
        legend.setItemFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        chart.addLegend(legend);
        return chart;
    }

    private static XYPlot panel(ServiceRun r) {
        XYSeries load = new XYSeries("load (rps)", false, true);
        XYSeries capacity = new XYSeries("ready capacity (rps)", false, true);
        XYSeries replicas = new XYSeries("replicas (spec)", false, true);
        XYSeries ready = new XYSeries("ready pods", false, true);
        for (int t = 0; t < r.seconds(); t++) {
            boolean last = t == r.seconds() - 1;
            boolean next = !last && stepAt(r, t + 1); // the second before a step, so the step is drawn upright
            boolean changed = t == 0
                    || last
                    || next
                    || r.readyAt(t) != r.readyAt(t - 1)
                    || r.replicasAt(t) != r.replicasAt(t - 1)
                    || t % 15 == 0
                    || stepAt(r, t);
            if (changed) {
                double minute = t / 60.0;
                load.add(minute, r.loadAt(t));
                capacity.add(minute, r.readyCapacityAt(t));
                replicas.add(minute, r.replicasAt(t));
                ready.add(minute, r.readyAt(t));
            }
        }
        XYSeriesCollection rps = new XYSeriesCollection();
        rps.addSeries(load);
        XYSeriesCollection readyCapacity = new XYSeriesCollection();
        readyCapacity.addSeries(capacity);
        XYSeriesCollection pods = new XYSeriesCollection();
        pods.addSeries(replicas);
        pods.addSeries(ready);

        NumberAxis rpsAxis = new NumberAxis(r.service() + " · rps");
        rpsAxis.setLabelFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        NumberAxis podAxis = new NumberAxis("pods");
        podAxis.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        podAxis.setLowerBound(0);
        r.hpa().ifPresent(h -> podAxis.setUpperBound(h.maxReplicas() * 1.1 + 1));
        podAxis.setAutoRange(r.hpa().isEmpty());

        XYLineAndShapeRenderer loadRenderer = new XYLineAndShapeRenderer(true, false);
        loadRenderer.setSeriesPaint(0, LOAD);
        loadRenderer.setSeriesStroke(0, new BasicStroke(2.5f));
        XYStepRenderer capacityRenderer = new XYStepRenderer();
        capacityRenderer.setSeriesPaint(0, CAPACITY);
        capacityRenderer.setSeriesStroke(0, new BasicStroke(2.0f));
        XYStepRenderer podRenderer = new XYStepRenderer();
        podRenderer.setSeriesPaint(0, REPLICAS);
        podRenderer.setSeriesStroke(0, new BasicStroke(1.5f));
        podRenderer.setSeriesPaint(1, READY);
        podRenderer.setSeriesStroke(
                1, new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));

        XYPlot plot = new XYPlot(rps, null, rpsAxis, loadRenderer);
        plot.setOrientation(PlotOrientation.VERTICAL);
        plot.setRangeAxis(1, podAxis);
        plot.setRangeAxisLocation(1, AxisLocation.BOTTOM_OR_RIGHT);
        plot.setDataset(1, pods);
        plot.mapDatasetToRangeAxis(1, 1);
        plot.setRenderer(1, podRenderer);
        plot.setDataset(2, readyCapacity);
        plot.mapDatasetToRangeAxis(2, 0);
        plot.setRenderer(2, capacityRenderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xDD, 0xDD, 0xDD));
        plot.setRangeGridlinePaint(new Color(0xDD, 0xDD, 0xDD));
        return plot;
    }

    private static boolean stepAt(ServiceRun r, int t) {
        return t > 0 && Math.abs(r.loadAt(t) - r.loadAt(t - 1)) > Math.max(1.0, r.peakLoad() / 100.0);
    }

    /** The service's verdict under the title. */
    private static TextTitle subtitle(ServiceRun r) {
        return new TextTitle(SimulationReport.verdict(r), new Font(Font.SANS_SERIF, Font.PLAIN, 13));
    }
}

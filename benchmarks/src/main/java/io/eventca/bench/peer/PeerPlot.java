package io.eventca.bench.peer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Draws the results of {@code benchmarks/peer-bench.sh} (its results.tsv) as one PNG: certificates per second against
 * concurrency, and p50/p99 latency against the rate reached, one line per peer and CA key.
 *
 * <p>Usage: {@code PeerPlot <results.tsv> <out.png>}
 */
public final class PeerPlot {
  private PeerPlot() {}

  /** One wrk run: who (cfssl or eventca), CA key, connections, rate, p50 and p99 in ms. */
  record Run(String who, String caKey, int connections, double rate, double p50, double p99) {}

  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      System.err.println("usage: PeerPlot <results.tsv> <out.png>");
      System.exit(2);
    }
    System.setProperty("java.awt.headless", "true");
    List<Run> runs = read(Path.of(args[0]));
    Map<String, List<Run>> lines = new TreeMap<>();
    for (Run run : runs) {
      lines.computeIfAbsent(run.who() + " " + run.caKey().toUpperCase(), k -> new ArrayList<>()).add(run);
    }
    XYChart throughput = new XYChartBuilder().width(700).height(480).title("Closed loop: certificates/s by concurrency")
        .xAxisTitle("connections (wrk)").yAxisTitle("certificates/s (log)").build();
    throughput.getStyler().setYAxisLogarithmic(true);
    XYChart latency = new XYChartBuilder().width(700).height(480).title("Latency at the rate reached")
        .xAxisTitle("certificates/s (log)").yAxisTitle("ms (log)").build();
    latency.getStyler().setXAxisLogarithmic(true);
    latency.getStyler().setYAxisLogarithmic(true);
    for (Map.Entry<String, List<Run>> line : lines.entrySet()) {
      List<Run> points = line.getValue().stream().sorted((a, b) -> Integer.compare(a.connections(), b.connections())).toList();
      throughput.addSeries(line.getKey(), points.stream().map(Run::connections).toList(), points.stream().map(Run::rate).toList())
          .setMarker(SeriesMarkers.CIRCLE);
      latency.addSeries(line.getKey() + " p50", points.stream().map(Run::rate).toList(), points.stream().map(Run::p50).toList())
          .setMarker(SeriesMarkers.CIRCLE);
      latency.addSeries(line.getKey() + " p99", points.stream().map(Run::rate).toList(), points.stream().map(Run::p99).toList())
          .setMarker(SeriesMarkers.DIAMOND);
    }
    BitmapEncoder.saveBitmap(List.of(throughput, latency), 1, 2, args[1], BitmapEncoder.BitmapFormat.PNG);
    System.err.println("wrote " + args[1] + (args[1].endsWith(".png") ? "" : ".png"));
  }

  static List<Run> read(Path tsv) throws IOException {
    List<Run> runs = new ArrayList<>();
    List<String> lines = Files.readAllLines(tsv);
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split("\t");
      // who ca_key connections requests seconds rate p50 p90 p99 errors
      runs.add(new Run(f[0], f[1], Integer.parseInt(f[2]), Double.parseDouble(f[5]), Double.parseDouble(f[6]), Double.parseDouble(f[8])));
    }
    return runs;
  }
}

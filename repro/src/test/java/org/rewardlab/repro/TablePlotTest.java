package org.rewardlab.repro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TablePlotTest {
  @TempDir Path tmp;

  @Test
  void drawsOneCellPerEntryColoredPerColumnAndGreysNaN() throws Exception {
    Path out = tmp.resolve("sub/table.png");
    double[][] cells = {{0.0, 10.0}, {1.0, Double.NaN}};
    TablePlot.heatmap("a long title that is wider than two columns of the table, to check the width", List.of("r1", "r2"),
        List.of("c1", "c2"), cells, out);
    BufferedImage img = ImageIO.read(out.toFile());
    assertThat(img.getWidth()).isGreaterThan(150 + 2 * TablePlot.CELL_W + 20);
    // column 1: 0.0 is its minimum (white), 1.0 its maximum (dark); the NaN cell is grey
    int x0 = 150 + 5;
    int x1 = 150 + TablePlot.CELL_W + 5;
    assertThat(new Color(img.getRGB(x0, 70 + 3))).isEqualTo(Color.WHITE);
    assertThat(new Color(img.getRGB(x0, 70 + TablePlot.CELL_H + 3))).isEqualTo(TablePlot.color(1, 0, 1));
    assertThat(new Color(img.getRGB(x1, 70 + 3))).isEqualTo(TablePlot.color(10, 10, 10));
    assertThat(new Color(img.getRGB(x1, 70 + TablePlot.CELL_H + 3))).isEqualTo(new Color(200, 200, 200));
    assertThatThrownBy(() -> TablePlot.heatmap("t", List.of("r"), List.of("c1", "c2"), new double[][] {{1}}, out))
        .isInstanceOf(IllegalArgumentException.class);
  }
}

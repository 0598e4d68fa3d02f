package org.pinnadapt.core.sampling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.pinnadapt.api.pde.Domain;
import org.pinnadapt.api.pde.Input;
import org.pinnadapt.api.pde.PointSet;

class PointSamplerTest {

  static final Domain DOMAIN = Domain.of(Input.space("x", -1, 3), Input.space("y", 0, 2), Input.time("t", 0, 1));

  @ParameterizedTest
  @EnumSource(SamplingMethod.class)
  void pointsLieInTheDomainAndRepeatWithTheSeed(SamplingMethod method) {
    PointSet a = new PointSampler(method, 7).interior(DOMAIN, 512);
    PointSet b = new PointSampler(method, 7).interior(DOMAIN, 512);
    assertThat(a.toArray()).containsExactly(b.toArray());
    for (int i = 0; i < a.size(); i++) {
      assertThat(a.get(i, 0)).isBetween(-1.0, 3.0);
      assertThat(a.get(i, 1)).isBetween(0.0, 2.0);
      assertThat(a.get(i, 2)).isBetween(0.0, 1.0);
    }
    if (method != SamplingMethod.GRID) {
      assertThat(new PointSampler(method, 8).interior(DOMAIN, 512).toArray()).isNotEqualTo(a.toArray());
    }
  }

  @Test
  void facesAndInitialSliceHoldTheirCoordinate() {
    PointSampler s = new PointSampler(SamplingMethod.LHS, 1);
    PointSet upperY = s.face(DOMAIN, "y", true, 50);
    PointSet initial = s.initial(DOMAIN, 50);
    for (int i = 0; i < 50; i++) {
      assertThat(upperY.get(i, 1)).isEqualTo(2.0);
      assertThat(initial.get(i, 2)).isEqualTo(0.0);
    }
  }

  @Test
  void aGridOnAFaceIsEvenlySpacedWithItsEnds() {
    Domain square = Domain.of(Input.space("x", 0, 1), Input.space("y", -0.5, 1.5));
    PointSet face = new PointSampler(SamplingMethod.GRID, 1).face(square, "x", true, 80);
    assertThat(face.size()).isEqualTo(80);
    for (int i = 0; i < 80; i++) {
      assertThat(face.get(i, 0)).isEqualTo(1.0);
      assertThat(face.get(i, 1)).isCloseTo(-0.5 + 2.0 * i / 79, within(1e-15));
    }
    // a 2-D face of a 3-D domain: a 7 x 7 lattice with the corners
    PointSet side = new PointSampler(SamplingMethod.GRID, 1).face(DOMAIN, "x", false, 49);
    assertThat(side.size()).isEqualTo(49);
    assertThat(side.row(0)).containsExactly(-1.0, 0.0, 0.0);
    assertThat(side.row(48)).containsExactly(-1.0, 2.0, 1.0);
    // the interior grid keeps cell centres (no point on the boundary)
    PointSet inside = new PointSampler(SamplingMethod.GRID, 1).interior(square, 100);
    assertThat(inside.get(0, 0)).isEqualTo(0.05);
  }

  @Test
  void latinHypercubeHasOnePointPerStratum() {
    int n = 64;
    double[][] p = new PointSampler(SamplingMethod.LHS, 3).cube(3, n);
    for (int d = 0; d < 3; d++) {
      Set<Integer> strata = new HashSet<>();
      for (double[] row : p) {
        strata.add((int) Math.floor(row[d] * n));
      }
      assertThat(strata).hasSize(n);
    }
  }

  @Test
  void sobolPointsFormA0m2Net() {
    // Every dyadic box of area 2^-m in the first two coordinates holds exactly one of 2^m points; the
    // digital shift keeps the property.
    int m = 8;
    int n = 1 << m;
    double[][] p = new PointSampler(SamplingMethod.SOBOL, 11).cube(2, n);
    for (int k = 0; k <= m; k++) {
      Set<Long> boxes = new HashSet<>();
      for (double[] row : p) {
        long bx = (long) Math.floor(row[0] * (1L << k));
        long by = (long) Math.floor(row[1] * (1L << (m - k)));
        boxes.add(bx * n + by);
      }
      assertThat(boxes).as("k=%d", k).hasSize(n);
    }
  }

  @Test
  void gridCoversEveryCoordinateEvenly() {
    PointSet g = new PointSampler(SamplingMethod.GRID, 0).interior(DOMAIN, 1000);
    assertThat(g.size()).isEqualTo(1000);
    Set<Double> xs = new HashSet<>();
    for (int i = 0; i < g.size(); i++) {
      xs.add(g.get(i, 0));
    }
    assertThat(xs).hasSize(10);
  }
}

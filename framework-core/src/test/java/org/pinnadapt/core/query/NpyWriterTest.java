package org.pinnadapt.core.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyWriterTest {

  @TempDir Path dir;

  @Test
  void writesNumpysFormatVersionOne() throws Exception {
    Path f = dir.resolve("a.npy");
    try (NpyWriter w = new NpyWriter(f, false, 2, 3)) {
      w.write(new float[] {9, 1, 2, 3}, 1, 3);
      w.write(new double[] {4, 5, -6.5});
      assertThat(w.complete()).isTrue();
      assertThatThrownBy(() -> w.write(new double[] {7})).hasMessageContaining("more values than the shape");
    }
    ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(f)).order(ByteOrder.LITTLE_ENDIAN);
    byte[] head = new byte[8];
    b.get(head);
    assertThat(head).containsExactly(0x93 - 256, 'N', 'U', 'M', 'P', 'Y', 1, 0);
    int len = b.getShort();
    assertThat((10 + len) % 64).isZero();
    byte[] text = new byte[len];
    b.get(text);
    assertThat(new String(text, StandardCharsets.US_ASCII).trim())
        .isEqualTo("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }");
    float[] v = new float[6];
    for (int i = 0; i < 6; i++) {
      v[i] = b.getFloat();
    }
    assertThat(v).containsExactly(1, 2, 3, 4, 5, -6.5f);
    assertThat(new String(NpyWriter.header(true, 7), StandardCharsets.US_ASCII)).contains("'<f8'")
        .contains("'shape': (7,)");
  }
}

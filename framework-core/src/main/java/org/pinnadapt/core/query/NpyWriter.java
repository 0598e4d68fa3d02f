package org.pinnadapt.core.query;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Writes an array in NumPy's {@code .npy} format (version 1.0, little-endian, C order), streamed: the shape is
 * known up front and the values arrive in order, so a file larger than memory can be written batch by batch.
 * {@code numpy.load(path)} reads it, and {@code numpy.load(path, mmap_mode='r')} maps it without reading it.
 */
public final class NpyWriter implements AutoCloseable {

  private final FileChannel channel;
  private final long expected;
  private final boolean doubles;
  private long written;

  /**
   * Opens a file and writes the header.
   *
   * @param file the file (created or replaced)
   * @param doubles float64 values ({@code <f8}) instead of float32 ({@code <f4})
   * @param shape the array's shape
   */
  public NpyWriter(Path file, boolean doubles, long... shape) {
    this.doubles = doubles;
    this.expected = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
    try {
      this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
          StandardOpenOption.WRITE);
      writeFully(ByteBuffer.wrap(header(doubles, shape)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * The header of an array: magic, version 1.0, length, and the dictionary padded so that the data start at a
   * multiple of 64 bytes.
   *
   * @param doubles float64 or float32
   * @param shape the shape
   * @return the header bytes
   */
  static byte[] header(boolean doubles, long... shape) {
    String dims = Arrays.stream(shape).mapToObj(Long::toString).collect(Collectors.joining(", "));
    String dict = "{'descr': '" + (doubles ? "<f8" : "<f4") + "', 'fortran_order': False, 'shape': ("
        + dims + (shape.length == 1 ? "," : "") + "), }";
    int unpadded = 10 + dict.length() + 1;
    int padding = (64 - unpadded % 64) % 64;
    String text = dict + " ".repeat(padding) + "\n";
    ByteBuffer b = ByteBuffer.allocate(10 + text.length()).order(ByteOrder.LITTLE_ENDIAN);
    b.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0);
    b.putShort((short) text.length()).put(text.getBytes(StandardCharsets.US_ASCII));
    return b.array();
  }

  /**
   * Appends values (stored as the file's type).
   *
   * @param values the next values in C order
   * @param from the first index
   * @param n how many
   */
  public void write(float[] values, int from, int n) {
    ByteBuffer b = ByteBuffer.allocate(n * (doubles ? 8 : 4)).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = from; i < from + n; i++) {
      if (doubles) {
        b.putDouble(values[i]);
      } else {
        b.putFloat(values[i]);
      }
    }
    append(b, n);
  }

  /**
   * Appends values (stored as the file's type).
   *
   * @param values the next values in C order
   */
  public void write(double[] values) {
    ByteBuffer b = ByteBuffer.allocate(values.length * (doubles ? 8 : 4)).order(ByteOrder.LITTLE_ENDIAN);
    for (double v : values) {
      if (doubles) {
        b.putDouble(v);
      } else {
        b.putFloat((float) v);
      }
    }
    append(b, values.length);
  }

  private void append(ByteBuffer b, int n) {
    if (written + n > expected) {
      throw new IllegalStateException("more values than the shape holds (" + expected + ")");
    }
    b.flip();
    try {
      writeFully(b);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    written += n;
  }

  private void writeFully(ByteBuffer b) throws IOException {
    while (b.hasRemaining()) {
      channel.write(b);
    }
  }

  /**
   * Whether every value of the shape was written.
   *
   * @return true when complete
   */
  public boolean complete() {
    return written == expected;
  }

  @Override
  public void close() {
    try {
      channel.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

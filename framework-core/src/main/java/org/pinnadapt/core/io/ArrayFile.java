package org.pinnadapt.core.io;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.core.type.TypeReference;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pinnadapt.api.base.InvalidInputException;
import org.pinnadapt.api.base.Scalars;
import org.pinnadapt.api.nn.Params;

/**
 * A file of named arrays in groups plus JSON metadata, protected by a SHA-256 checksum that is
 * verified on load. Layout: magic {@code PINNARR1}, header length, UTF-8 JSON header (metadata and an
 * index of arrays), raw little-endian array data, and the checksum of everything before it. Written
 * atomically.
 */
public final class ArrayFile {

  private static final byte[] MAGIC = "PINNARR1".getBytes(StandardCharsets.US_ASCII);

  /** The content of a file: metadata and array groups. */
  public static final class Content {
    private final Map<String, Object> metadata;
    private final Map<String, Params> groups;

    /**
     * Creates content.
     *
     * @param metadata JSON-serializable values
     * @param groups named groups of arrays
     */
    public Content(Map<String, Object> metadata, Map<String, Params> groups) {
      this.metadata = metadata;
      this.groups = groups;
    }

    /**
     * The metadata.
     *
     * @return values by key
     */
    public Map<String, Object> metadata() {
      return metadata;
    }

    /**
     * One group of arrays.
     *
     * @param name the group
     * @return the arrays (empty if absent)
     */
    public Params group(String name) {
      return groups.getOrDefault(name, new Params());
    }
  }

  private ArrayFile() {}

  /**
   * Writes a file atomically.
   *
   * @param path the file
   * @param metadata JSON-serializable values
   * @param groups named groups of arrays (copied to the host)
   */
  public static void write(Path path, Map<String, Object> metadata, Map<String, Params> groups) {
    try {
      List<Map<String, Object>> index = new ArrayList<>();
      ByteArrayOutputStream data = new ByteArrayOutputStream();
      for (Map.Entry<String, Params> g : groups.entrySet()) {
        for (Map.Entry<String, NDArray> e : g.getValue().asMap().entrySet()) {
          NDArray a = e.getValue();
          byte[] bytes = toBytes(a);
          Map<String, Object> entry = new LinkedHashMap<>();
          entry.put("group", g.getKey());
          entry.put("name", e.getKey());
          entry.put("dtype", a.getDataType().name());
          entry.put("shape", a.getShape().getShape());
          entry.put("offset", data.size());
          entry.put("length", bytes.length);
          index.add(entry);
          data.write(bytes);
        }
      }
      Map<String, Object> header = new LinkedHashMap<>();
      header.put("metadata", metadata);
      header.put("arrays", index);
      byte[] headerBytes = Json.json().writeValueAsBytes(header);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      out.write(MAGIC);
      out.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(headerBytes.length).array());
      out.write(headerBytes);
      data.writeTo(out);
      byte[] body = out.toByteArray();
      out.write(sha256(body));
      AtomicFiles.write(path, out.toByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Reads and verifies a file.
   *
   * @param path the file
   * @param manager where the arrays are created
   * @return the content
   * @throws InvalidInputException if the file is missing, truncated or its checksum does not match
   */
  @SuppressWarnings("unchecked")
  public static Content read(Path path, NDManager manager) {
    byte[] all;
    try {
      all = Files.readAllBytes(path);
    } catch (NoSuchFileException e) {
      throw new InvalidInputException("file " + path + " does not exist");
    } catch (IOException e) {
      throw new InvalidInputException("cannot read " + path + ": " + e.getMessage(), e);
    }
    if (all.length < MAGIC.length + 4 + 32 || !Arrays.equals(Arrays.copyOf(all, MAGIC.length), MAGIC)) {
      throw new InvalidInputException("file " + path + " is not a pinnadapt array file (or is truncated)");
    }
    byte[] body = Arrays.copyOf(all, all.length - 32);
    byte[] sum = Arrays.copyOfRange(all, all.length - 32, all.length);
    if (!MessageDigest.isEqual(sha256(body), sum)) {
      throw new InvalidInputException("file " + path + " is corrupt: checksum mismatch; it was not loaded");
    }
    try {
      ByteBuffer buf = ByteBuffer.wrap(body).order(ByteOrder.LITTLE_ENDIAN);
      buf.position(MAGIC.length);
      int headerLength = buf.getInt();
      int dataStart = MAGIC.length + 4 + headerLength;
      Map<String, Object> header = Json.json().readValue(
          Arrays.copyOfRange(body, MAGIC.length + 4, dataStart), new TypeReference<Map<String, Object>>() {});
      Map<String, Params> groups = new LinkedHashMap<>();
      for (Map<String, Object> entry : (List<Map<String, Object>>) header.get("arrays")) {
        DataType type = DataType.valueOf((String) entry.get("dtype"));
        List<Number> dims = (List<Number>) entry.get("shape");
        long[] shape = dims.stream().mapToLong(Number::longValue).toArray();
        int offset = ((Number) entry.get("offset")).intValue();
        int length = ((Number) entry.get("length")).intValue();
        ByteBuffer slice = ByteBuffer.allocateDirect(length).order(ByteOrder.nativeOrder());
        slice.put(body, dataStart + offset, length).rewind();
        // create() borrows the buffer; copy into engine memory so later views never outlive it
        NDArray a = Scalars.owned(manager.create(slice, new Shape(shape), type));
        groups.computeIfAbsent((String) entry.get("group"), g -> new Params()).put((String) entry.get("name"), a);
      }
      Map<String, Object> metadata = (Map<String, Object>) header.getOrDefault("metadata", Map.of());
      return new Content(metadata, groups);
    } catch (IOException | RuntimeException e) {
      throw new InvalidInputException("file " + path + " is malformed: " + e.getMessage(), e);
    }
  }

  private static byte[] toBytes(NDArray a) {
    ByteBuffer b = a.toByteBuffer();
    byte[] bytes = new byte[b.remaining()];
    b.get(bytes);
    if (ByteOrder.nativeOrder() != ByteOrder.LITTLE_ENDIAN) {
      throw new UnsupportedOperationException("big-endian hosts are not supported");
    }
    return bytes;
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}

package org.rewardlab.core.run;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.zip.CRC32;
import org.rewardlab.core.UserInputException;

/**
 * Saves and loads {@link Checkpoint}s, atomically and verifiably.
 *
 * <p>File format (big-endian): the 8-byte magic {@code "RLCKPT\r\n"}, an int version (1), the JSON
 * string (int byte length + UTF-8), then five sections — float arrays, long arrays, double arrays,
 * counters, scalars — each an int count followed by entries (UTF name, then int length + values, or
 * the single value), and last the CRC-32 of every preceding byte as a long.
 *
 * <p>{@link #save} goes through {@link AtomicFiles}: a temporary file in the target's directory, forced to disk, moved
 * over the target: a reader sees the old checkpoint or the new one, never a
 * partial file, and a crash mid-write leaves the previous checkpoint intact. {@link #load} turns a
 * missing, truncated, corrupt or foreign file into a {@link UserInputException} naming the file and
 * the fix.
 *
 * <p>Stateless and thread-safe (concurrent saves to the same path: the last move wins).
 */
public final class Checkpoints {
  static final byte[] MAGIC = "RLCKPT\r\n".getBytes(StandardCharsets.US_ASCII);
  /** Current format version. */
  public static final int VERSION = 1;

  private Checkpoints() {}

  /** Writes {@code c} to {@code file} atomically (parent directories are created). */
  public static void save(Path file, Checkpoint c) {
    AtomicFiles.writeBytes(file, encode(c));
  }

  /**
   * Reads a checkpoint written by {@link #save}.
   *
   * @throws UserInputException when the file is missing, unreadable, truncated, corrupt or not a
   *     checkpoint of a supported version
   */
  public static Checkpoint load(Path file) {
    String where = file.toString();
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new UserInputException(where, "checkpoint file does not exist",
          "check the path, or start the run from scratch instead of resuming");
    } catch (IOException e) {
      throw new UserInputException(where, "checkpoint file cannot be read (" + e.getMessage() + ")",
          "check the file's permissions", e);
    }
    if (bytes.length < MAGIC.length + 4 + 8 || !Arrays.equals(Arrays.copyOf(bytes, MAGIC.length), MAGIC)) {
      throw new UserInputException(where, "is not a RewardLab checkpoint (bad header)",
          "point to a checkpoint file written by rewardlab, e.g. runs/<run>/checkpoints/latest.ckpt");
    }
    int body = bytes.length - 8;
    CRC32 crc = new CRC32();
    crc.update(bytes, 0, body);
    long stored = ByteBuffer.wrap(bytes, body, 8).getLong();
    if (stored != crc.getValue()) {
      throw new UserInputException(where, "checkpoint is corrupt or truncated (checksum mismatch)",
          "resume from an earlier checkpoint or restart the run; do not edit checkpoint files");
    }
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes, MAGIC.length, body - MAGIC.length))) {
      int version = in.readInt();
      if (version != VERSION) {
        throw new UserInputException(where, "checkpoint format version " + version + " is not supported (this build reads " + VERSION + ")",
            "resume with the rewardlab version that wrote it");
      }
      Checkpoint.Builder b = Checkpoint.builder();
      byte[] json = new byte[in.readInt()];
      in.readFully(json);
      b.json(new String(json, StandardCharsets.UTF_8));
      int n = in.readInt();
      for (int i = 0; i < n; i++) {
        String name = in.readUTF();
        float[] v = new float[in.readInt()];
        for (int k = 0; k < v.length; k++) v[k] = in.readFloat();
        b.floats(name, v);
      }
      n = in.readInt();
      for (int i = 0; i < n; i++) {
        String name = in.readUTF();
        long[] v = new long[in.readInt()];
        for (int k = 0; k < v.length; k++) v[k] = in.readLong();
        b.longs(name, v);
      }
      n = in.readInt();
      for (int i = 0; i < n; i++) {
        String name = in.readUTF();
        double[] v = new double[in.readInt()];
        for (int k = 0; k < v.length; k++) v[k] = in.readDouble();
        b.doubles(name, v);
      }
      n = in.readInt();
      for (int i = 0; i < n; i++) b.counter(in.readUTF(), in.readLong());
      n = in.readInt();
      for (int i = 0; i < n; i++) b.scalar(in.readUTF(), in.readDouble());
      return b.build();
    } catch (IOException | RuntimeException e) {
      if (e instanceof UserInputException u) throw u;
      throw new UserInputException(where, "checkpoint is malformed (" + e + ")",
          "resume from an earlier checkpoint or restart the run", e);
    }
  }

  static byte[] encode(Checkpoint c) {
    try {
      ByteArrayOutputStream bos = new ByteArrayOutputStream();
      DataOutputStream out = new DataOutputStream(bos);
      out.write(MAGIC);
      out.writeInt(VERSION);
      byte[] json = c.json().getBytes(StandardCharsets.UTF_8);
      out.writeInt(json.length);
      out.write(json);
      out.writeInt(c.floatMap().size());
      for (Map.Entry<String, float[]> e : c.floatMap().entrySet()) {
        out.writeUTF(e.getKey());
        out.writeInt(e.getValue().length);
        for (float x : e.getValue()) out.writeFloat(x);
      }
      out.writeInt(c.longMap().size());
      for (Map.Entry<String, long[]> e : c.longMap().entrySet()) {
        out.writeUTF(e.getKey());
        out.writeInt(e.getValue().length);
        for (long x : e.getValue()) out.writeLong(x);
      }
      out.writeInt(c.doubleMap().size());
      for (Map.Entry<String, double[]> e : c.doubleMap().entrySet()) {
        out.writeUTF(e.getKey());
        out.writeInt(e.getValue().length);
        for (double x : e.getValue()) out.writeDouble(x);
      }
      out.writeInt(c.counterMap().size());
      for (Map.Entry<String, Long> e : c.counterMap().entrySet()) {
        out.writeUTF(e.getKey());
        out.writeLong(e.getValue());
      }
      out.writeInt(c.scalarMap().size());
      for (Map.Entry<String, Double> e : c.scalarMap().entrySet()) {
        out.writeUTF(e.getKey());
        out.writeDouble(e.getValue());
      }
      out.flush();
      CRC32 crc = new CRC32();
      byte[] bodyBytes = bos.toByteArray();
      crc.update(bodyBytes);
      out.writeLong(crc.getValue());
      out.flush();
      return bos.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

package org.pinnadapt.sweep;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.pinnadapt.core.experiment.RunFiles;

/** A run folder as bytes, to travel from a worker that cannot see the sweep folder back to the driver. */
final class FolderZip {

  private FolderZip() {}

  static byte[] zip(Path folder) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(bytes); Stream<Path> s = Files.walk(folder)) {
      for (Path p : s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().equals(".lock"))
          .sorted().toList()) {
        z.putNextEntry(new ZipEntry(folder.relativize(p).toString().replace('\\', '/')));
        Files.copy(p, z);
        z.closeEntry();
      }
    }
    return bytes.toByteArray();
  }

  /** Unpacks into a sibling temporary folder, then moves it into place (replacing an earlier attempt's). */
  static void unzip(byte[] zip, Path target) {
    Path parent = target.toAbsolutePath().getParent();
    Path tmp = null;
    try {
      Files.createDirectories(parent);
      tmp = Files.createTempDirectory(parent, "." + target.getFileName() + "-");
      try (ZipInputStream z = new ZipInputStream(new ByteArrayInputStream(zip))) {
        for (ZipEntry e = z.getNextEntry(); e != null; e = z.getNextEntry()) {
          Path p = tmp.resolve(e.getName()).normalize();
          if (!p.startsWith(tmp)) {
            throw new IOException("zip entry outside its folder: " + e.getName());
          }
          Files.createDirectories(p.getParent());
          Files.copy(z, p, StandardCopyOption.REPLACE_EXISTING);
        }
      }
      RunFiles.deleteTree(target);
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
      tmp = null;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the run folder " + target + ": " + e.getMessage(), e);
    } finally {
      RunFiles.deleteTree(tmp);
    }
  }
}

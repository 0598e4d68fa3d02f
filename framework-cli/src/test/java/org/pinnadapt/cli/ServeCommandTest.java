package org.pinnadapt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pinnadapt serve} and {@code bench serve} refuse bad input with one error line and exit 2. */
class ServeCommandTest {

  @TempDir Path dir;

  private static void refused(CliTestSupport.Result r, String... parts) {
    assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
    String line = r.err().strip();
    assertThat(line).startsWith("error:").doesNotContain("\n");
    for (String p : parts) {
      assertThat(line).contains(p);
    }
  }

  @Test
  void badRunsFolderPortOrCacheIsOneErrorLine() throws Exception {
    refused(CliTestSupport.run("serve", "--runs", dir.resolve("none").toString()), "--runs", "no such folder");
    refused(CliTestSupport.run("serve", "--runs", dir.toString(), "--port", "70000"), "--port 70000");
    refused(CliTestSupport.run("serve", "--runs", dir.toString(), "--cache-runs", "0"), "--cache-runs");
    try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
      refused(CliTestSupport.run("serve", "--runs", dir.toString(), "--port", Integer.toString(taken.getLocalPort())),
          "--port " + taken.getLocalPort(), "cannot listen");
    }
    assertThat(dir.resolve("none")).doesNotExist();
  }

  @Test
  void benchServeRefusesAFolderThatIsNotARun() throws Exception {
    Files.createDirectories(dir.resolve("empty"));
    refused(CliTestSupport.run("bench", "serve", "--run", dir.resolve("empty").toString()), "not a run folder");
  }
}

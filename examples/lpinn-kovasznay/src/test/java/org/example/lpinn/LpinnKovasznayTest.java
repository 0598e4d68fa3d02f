package org.example.lpinn;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Runs the example as a user would, at a small number of epochs, and reads the error it prints. */
class LpinnKovasznayTest {

  @Test
  void theExampleTrainsAndPrintsItsError() {
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream stdout = System.out;
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      LpinnKovasznay.main(new String[] {"100"});
    } finally {
      System.setOut(stdout);
    }
    String out = captured.toString(StandardCharsets.UTF_8);
    stdout.print(out);
    Matcher m = Pattern.compile("relative L2 error: (\\S+)").matcher(out);
    assertThat(m.find()).as(out).isTrue();
    double relL2 = Double.parseDouble(m.group(1));
    // 100 Adam epochs + 25 L-BFGS iterations for the base and for the adaptation: about ten percent
    assertThat(relL2).isFinite().isPositive().isLessThan(0.3);
  }
}

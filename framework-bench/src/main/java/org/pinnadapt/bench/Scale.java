package org.pinnadapt.bench;

import java.util.Locale;
import org.pinnadapt.api.base.InvalidInputException;

/** How big a bench runs. */
public enum Scale {
  /** Minutes: the protocol with a smaller budget and fewer points. */
  QUICK,
  /** The paper's budget. */
  PAPER,
  /** Seconds: checks that a bench runs end to end; its numbers mean nothing. */
  SMOKE;

  /** The description of a {@code --scale} option. */
  public static final String HELP = "quick (minutes), paper (the paper's budget) or smoke (seconds: checks that the "
      + "command runs end to end; its numbers mean nothing)";

  /**
   * Parses {@code quick}, {@code paper} or {@code smoke}.
   *
   * @param text the name
   * @return the scale
   * @throws InvalidInputException naming the value when it is none of them
   */
  public static Scale parse(String text) {
    switch (text) {
      case "quick": return QUICK;
      case "paper": return PAPER;
      case "smoke": return SMOKE;
      default: throw new InvalidInputException("scale '" + text + "' is not quick, paper or smoke");
    }
  }

  /**
   * Whether this is the paper's scale.
   *
   * @return true for {@link #PAPER}
   */
  public boolean paper() {
    return this == PAPER;
  }

  /**
   * Whether this is the smoke scale.
   *
   * @return true for {@link #SMOKE}
   */
  public boolean smoke() {
    return this == SMOKE;
  }

  /**
   * The lower-case name, as on the command line.
   *
   * @return e.g. {@code quick}
   */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}

package org.pinnadapt.sweep;

/**
 * How one cell ended.
 *
 * @param cell the cell
 * @param status {@code finished}, {@code diverged} or {@code failed} (for its own reason: a bad parameter,
 *     a plug-in error); a failed cell never stops the sweep
 * @param mse mean squared error against the reference (NaN when failed)
 * @param relL2 relative L2 error (NaN when failed)
 * @param epochs epochs trained
 * @param wallSeconds wall time of the cell
 * @param worker where it ran ({@code host:pid})
 * @param error why it failed; empty otherwise
 * @param badInput whether it failed because its configuration was refused (a bad option, a resume that would
 *     change the recorded configuration): an error of the input, not of the run
 */
public record CellResult(SweepCell cell, String status, double mse, double relL2, int epochs, double wallSeconds,
    String worker, String error, boolean badInput) {

  /** @return whether the cell produced a result */
  public boolean ok() {
    return !status.equals("failed");
  }
}

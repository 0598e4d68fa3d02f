/** Sweeps of experiments: cells, the sweep folder, runners, the summary. */
module org.pinnadapt.sweep {
  requires transitive org.pinnadapt.core;
  requires com.fasterxml.jackson.databind;

  exports org.pinnadapt.sweep;
}

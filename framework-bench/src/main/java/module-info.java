/**
 * The pinnadapt benchmark protocols as a library: each bench is a class with typed settings, a {@code run}
 * method and typed result rows, callable from Java; {@code pinnadapt bench ...} parses options into the
 * settings and prints the rows.
 */
module org.pinnadapt.bench {
  requires transitive org.pinnadapt.core;
  requires org.pinnadapt.pde.burgers;
  requires org.pinnadapt.sweep;
  requires com.fasterxml.jackson.databind;

  exports org.pinnadapt.bench;
}

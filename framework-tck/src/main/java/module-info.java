/**
 * The pinnadapt technology compatibility kit: abstract JUnit 5 contract tests for PDE and strategy
 * plug-ins. A plug-in's test extends a contract class and supplies only a factory and tolerances.
 */
module org.pinnadapt.tck {
  requires transitive org.pinnadapt.core;
  requires transitive org.junit.jupiter.api;
  requires transitive org.assertj.core;

  exports org.pinnadapt.tck;

  opens org.pinnadapt.tck to org.junit.platform.commons;
}

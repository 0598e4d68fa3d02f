/**
 * The pinnadapt technology compatibility kit: abstract JUnit 5 contract tests for PDE, strategy,
 * hypernetwork and plug-in-jar contracts. A plug-in's test extends a contract class and supplies only a
 * factory and tolerances. It uses the API and the core's small test facade ({@code org.pinnadapt.core.testkit})
 * only.
 */
module org.pinnadapt.tck {
  requires transitive org.pinnadapt.api;
  requires transitive org.pinnadapt.core;
  requires transitive org.junit.jupiter.api;
  requires transitive org.assertj.core;

  exports org.pinnadapt.tck;

  opens org.pinnadapt.tck to org.junit.platform.commons;
}

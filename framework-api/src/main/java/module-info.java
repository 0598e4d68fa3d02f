/**
 * The pinnadapt service-provider interfaces and value types.
 *
 * <p>A plug-in (a PDE, a network architecture, an adaptation strategy or a trainer) depends on this
 * module only. It exposes a cheap provider through {@code provides ... with}; the framework discovers
 * it with {@link java.util.ServiceLoader} in the boot layer or in a plug-in folder.
 */
module org.pinnadapt.api {
  requires transitive ai.djl.api;

  exports org.pinnadapt.api;
  exports org.pinnadapt.api.base;
  exports org.pinnadapt.api.pde;
  exports org.pinnadapt.api.nn;
  exports org.pinnadapt.api.train;
  exports org.pinnadapt.api.strategy;
}

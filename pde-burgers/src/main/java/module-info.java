/** The Burgers PDE plug-ins ({@code burgers1d}, {@code burgers2d}, {@code burgers-raissi}). */
module org.pinnadapt.pde.burgers {
  requires org.pinnadapt.api;
  requires JTransforms;
  requires commons.math3;

  exports org.pinnadapt.pde.burgers;

  provides org.pinnadapt.api.PdeProvider with
      org.pinnadapt.pde.burgers.Burgers1dProvider,
      org.pinnadapt.pde.burgers.Burgers2dProvider,
      org.pinnadapt.pde.burgers.RaissiBurgersProvider;
}

/** The Burgers PDE plug-ins ({@code burgers1d}, {@code burgers2d}). */
module org.pinnadapt.pde.burgers {
  requires org.pinnadapt.api;
  requires JTransforms;

  exports org.pinnadapt.pde.burgers;

  provides org.pinnadapt.api.PdeProvider with
      org.pinnadapt.pde.burgers.Burgers1dProvider,
      org.pinnadapt.pde.burgers.Burgers2dProvider;
}

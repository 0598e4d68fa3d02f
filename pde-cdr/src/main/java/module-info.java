/** The convection-diffusion-reaction PDE plug-in ({@code cdr}). */
module org.pinnadapt.pde.cdr {
  requires org.pinnadapt.api;
  requires JTransforms;

  exports org.pinnadapt.pde.cdr;

  provides org.pinnadapt.api.PdeProvider with org.pinnadapt.pde.cdr.CdrProvider;
}

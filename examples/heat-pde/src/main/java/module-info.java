/** A third-party pinnadapt PDE plug-in: the 1D heat equation. */
module org.example.heat {
  requires org.pinnadapt.api;

  provides org.pinnadapt.api.PdeProvider with org.example.heat.HeatProvider;
}

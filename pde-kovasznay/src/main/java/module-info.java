/** The Kovasznay flow PDE plug-in ({@code kovasznay}). */
module org.pinnadapt.pde.kovasznay {
  requires org.pinnadapt.api;

  exports org.pinnadapt.pde.kovasznay;

  provides org.pinnadapt.api.PdeProvider with org.pinnadapt.pde.kovasznay.KovasznayProvider;
}

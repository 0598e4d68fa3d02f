/** The adaptation strategy plug-in {@code colora}. */
module org.pinnadapt.strategy.colora {
  requires org.pinnadapt.api;

  exports org.pinnadapt.strategy.colora;

  provides org.pinnadapt.api.StrategyProvider with org.pinnadapt.strategy.colora.ColoraProvider;
}

/** The adaptation strategy plug-in {@code hyper}. */
module org.pinnadapt.strategy.hyper {
  requires org.pinnadapt.api;

  exports org.pinnadapt.strategy.hyper;

  provides org.pinnadapt.api.StrategyProvider with org.pinnadapt.strategy.hyper.HyperProvider;
}

/** The adaptation strategy plug-in {@code lrnr}. */
module org.pinnadapt.strategy.lrnr {
  requires org.pinnadapt.api;

  exports org.pinnadapt.strategy.lrnr;

  provides org.pinnadapt.api.StrategyProvider with org.pinnadapt.strategy.lrnr.LrnrProvider;
}

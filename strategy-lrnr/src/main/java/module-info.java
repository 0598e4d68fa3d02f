/** The adaptation strategy plug-in {@code lrnr}. */
module org.pinnadapt.strategy.lrnr {
  requires org.pinnadapt.api;
  requires commons.math3;

  exports org.pinnadapt.strategy.lrnr;

  provides org.pinnadapt.api.StrategyProvider with org.pinnadapt.strategy.lrnr.LrnrProvider;
}

/** The adaptation strategy plug-in {@code lora}. */
module org.pinnadapt.strategy.lora {
  requires org.pinnadapt.api;

  exports org.pinnadapt.strategy.lora;

  provides org.pinnadapt.api.StrategyProvider with org.pinnadapt.strategy.lora.LoraProvider;
}

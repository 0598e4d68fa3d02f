/**
 * The pinnadapt framework core: plug-in discovery and wiring, the runtime, functional networks and
 * Taylor-mode derivatives, samplers, trainers, losses, checkpoints, experiments, and the built-in
 * strategies {@code pinn} and {@code finetune}.
 */
module org.pinnadapt.core {
  requires transitive org.pinnadapt.api;
  requires ai.djl.pytorch_engine;
  requires com.google.guice;
  requires jakarta.inject;
  requires com.fasterxml.jackson.databind;
  requires com.fasterxml.jackson.dataformat.yaml;
  requires org.slf4j;
  requires jdk.unsupported;
  requires java.desktop;
  requires org.knowm.xchart;
  requires commons.math3;

  exports org.pinnadapt.core;
  exports org.pinnadapt.core.plugin;
  exports org.pinnadapt.core.runtime;
  exports org.pinnadapt.core.sampling;
  exports org.pinnadapt.core.nn;
  exports org.pinnadapt.core.train;
  exports org.pinnadapt.core.control;
  exports org.pinnadapt.core.io;
  exports org.pinnadapt.core.loss;
  exports org.pinnadapt.core.experiment;
  exports org.pinnadapt.core.strategy;
  exports org.pinnadapt.core.report;
  exports org.pinnadapt.core.query;
  exports org.pinnadapt.core.testkit;

  opens org.pinnadapt.core to com.google.guice;

  uses org.pinnadapt.api.PdeProvider;
  uses org.pinnadapt.api.StrategyProvider;
  uses org.pinnadapt.api.ArchitectureProvider;
  uses org.pinnadapt.api.TrainerProvider;
}

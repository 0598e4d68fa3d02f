package org.pinnadapt.core;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.TreeMap;
import org.pinnadapt.api.AdaptationStrategy;
import org.pinnadapt.api.Architecture;
import org.pinnadapt.api.ArchitectureProvider;
import org.pinnadapt.api.PdeProvider;
import org.pinnadapt.api.PluginProvider;
import org.pinnadapt.api.StrategyProvider;
import org.pinnadapt.api.TrainerProvider;
import org.pinnadapt.api.base.InvalidInputException;
import org.pinnadapt.api.base.Options;
import org.pinnadapt.api.pde.Pde;
import org.pinnadapt.api.train.Trainer;
import org.pinnadapt.core.plugin.GuardedPde;
import org.pinnadapt.core.plugin.PluginCatalog;
import org.pinnadapt.core.plugin.PluginKind;

/**
 * The providers of one framework instance by id, as bound by Guice from discovery, programmatic
 * registration and override modules. Lookups of an unknown or conflicting id fail with an
 * {@link InvalidInputException} that lists what is available.
 */
@Singleton
public final class Registry {

  private final Map<String, PdeProvider> pdes;
  private final Map<String, StrategyProvider> strategies;
  private final Map<String, ArchitectureProvider> architectures;
  private final Map<String, TrainerProvider> trainers;
  private final PluginCatalog catalog;

  /**
   * Creates the registry (called by Guice).
   *
   * @param pdes PDE providers by id
   * @param strategies strategy providers by id
   * @param architectures architecture providers by id
   * @param trainers trainer providers by id
   * @param catalog discovery sources and warnings
   */
  @Inject
  public Registry(
      Map<String, PdeProvider> pdes,
      Map<String, StrategyProvider> strategies,
      Map<String, ArchitectureProvider> architectures,
      Map<String, TrainerProvider> trainers,
      PluginCatalog catalog) {
    this.pdes = new TreeMap<>(pdes);
    this.strategies = new TreeMap<>(strategies);
    this.architectures = new TreeMap<>(architectures);
    this.trainers = new TreeMap<>(trainers);
    this.catalog = catalog;
  }

  /**
   * PDE providers by id.
   *
   * @return a sorted map
   */
  public Map<String, PdeProvider> pdes() {
    return pdes;
  }

  /**
   * Strategy providers by id.
   *
   * @return a sorted map
   */
  public Map<String, StrategyProvider> strategies() {
    return strategies;
  }

  /**
   * Architecture providers by id.
   *
   * @return a sorted map
   */
  public Map<String, ArchitectureProvider> architectures() {
    return architectures;
  }

  /**
   * Trainer providers by id.
   *
   * @return a sorted map
   */
  public Map<String, TrainerProvider> trainers() {
    return trainers;
  }

  /**
   * The discovery catalog (sources and warnings).
   *
   * @return the catalog
   */
  public PluginCatalog catalog() {
    return catalog;
  }

  /**
   * A PDE provider.
   *
   * @param id the id
   * @return the provider
   */
  public PdeProvider pdeProvider(String id) {
    return find(PluginKind.PDE, pdes, id);
  }

  /**
   * Builds a PDE.
   *
   * @param id the id
   * @param options raw option values
   * @return the PDE
   */
  public Pde pde(String id, Map<String, ?> options) {
    return GuardedPde.of(create(PluginKind.PDE, pdeProvider(id), options)); // failures name the plug-in
  }

  /**
   * A strategy provider.
   *
   * @param id the id
   * @return the provider
   */
  public StrategyProvider strategyProvider(String id) {
    return find(PluginKind.STRATEGY, strategies, id);
  }

  /**
   * Builds a strategy.
   *
   * @param id the id
   * @param options raw option values
   * @return the strategy
   */
  public AdaptationStrategy strategy(String id, Map<String, ?> options) {
    return create(PluginKind.STRATEGY, strategyProvider(id), options);
  }

  /**
   * Builds an architecture.
   *
   * @param id the id
   * @param options raw option values
   * @return the architecture
   */
  public Architecture architecture(String id, Map<String, ?> options) {
    return create(PluginKind.ARCHITECTURE, find(PluginKind.ARCHITECTURE, architectures, id), options);
  }

  /**
   * Builds a trainer.
   *
   * @param id the id
   * @param options raw option values
   * @return the trainer
   */
  public Trainer trainer(String id, Map<String, ?> options) {
    return create(PluginKind.TRAINER, find(PluginKind.TRAINER, trainers, id), options);
  }

  private <P> P find(PluginKind kind, Map<String, P> map, String id) {
    P p = map.get(id);
    if (p == null) {
      catalog.require(kind, id); // throws the conflict message if the id is disabled
      throw new InvalidInputException(
          "unknown " + kind.label() + " '" + id + "'; available: "
              + (map.isEmpty() ? "none" : String.join(", ", map.keySet())));
    }
    return p;
  }

  private static <T> T create(PluginKind kind, PluginProvider<T> provider, Map<String, ?> options) {
    Options parsed =
        Options.parse(provider.options(), options, kind.label() + " '" + provider.id() + "'");
    return provider.create(parsed);
  }
}

package org.pinnadapt.core;

import ai.djl.ndarray.types.DataType;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.util.Modules;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pinnadapt.api.ArchitectureProvider;
import org.pinnadapt.api.PdeProvider;
import org.pinnadapt.api.PluginProvider;
import org.pinnadapt.api.StrategyProvider;
import org.pinnadapt.api.TrainerProvider;
import org.pinnadapt.api.base.OptionSpec;
import org.pinnadapt.api.base.Options;
import org.pinnadapt.api.pde.Parameter;
import org.pinnadapt.api.pde.Pde;
import org.pinnadapt.core.plugin.PluginCatalog;
import org.pinnadapt.core.plugin.PluginEntry;
import org.pinnadapt.core.plugin.PluginKind;
import org.pinnadapt.core.plugin.PluginLoader;
import org.pinnadapt.core.plugin.PluginSource;
import org.pinnadapt.core.runtime.DjlRuntime;
import org.pinnadapt.core.runtime.RuntimeSettings;

/**
 * The entry point of the framework: discovers or accepts plug-ins, wires them with Guice, and owns the
 * runtime. Works without a plug-in folder and without the command line:
 *
 * <pre>{@code
 * try (PinnAdapt pa = PinnAdapt.builder()
 *     .optBootDiscovery(false)
 *     .addPde(new MyPdeProvider())
 *     .addStrategy(new MyStrategyProvider())
 *     .optDevice("cpu")
 *     .build()) {
 *   Pde pde = pa.registry().pde("my-pde", Map.of());
 * }
 * }</pre>
 */
public final class PinnAdapt implements AutoCloseable {

  /** The environment variable naming the plug-in folder. */
  public static final String PLUGINS_ENV = "PINNADAPT_PLUGINS";

  private final Injector injector;
  private volatile DjlRuntime runtime;

  private PinnAdapt(Injector injector) {
    this.injector = injector;
  }

  /**
   * A builder with boot-layer discovery on, no plug-in folder, and default runtime settings.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The plug-in folder in effect when none is given: {@code $PINNADAPT_PLUGINS}, else {@code ./plugins}.
   *
   * @return the folder (it may not exist)
   */
  public static Path defaultPluginDirectory() {
    String env = System.getenv(PLUGINS_ENV);
    return env != null && !env.isBlank() ? Path.of(env) : Path.of("plugins");
  }

  /**
   * The providers by id.
   *
   * @return the registry
   */
  public Registry registry() {
    return injector.getInstance(Registry.class);
  }

  /**
   * The discovery catalog: sources and warnings.
   *
   * @return the catalog
   */
  public PluginCatalog catalog() {
    return injector.getInstance(PluginCatalog.class);
  }

  /**
   * The runtime; the native engine starts on the first call.
   *
   * @return the runtime
   */
  public DjlRuntime runtime() {
    DjlRuntime r = runtime;
    if (r == null) {
      synchronized (this) {
        if (runtime == null) {
          runtime = injector.getInstance(DjlRuntime.class);
        }
        r = runtime;
      }
    }
    return r;
  }

  /**
   * Any object of the wiring, e.g. a binding added by an override module.
   *
   * @param type the type
   * @param <T> the type
   * @return the instance
   */
  public <T> T instance(Class<T> type) {
    return injector.getInstance(type);
  }

  @Override
  public void close() {
    DjlRuntime r = runtime;
    if (r != null) {
      r.close();
    }
  }

  /** Builds a {@link PinnAdapt}; {@code opt} methods set optional values. */
  public static final class Builder {
    private boolean bootDiscovery = true;
    private Path pluginDirectory;
    private final List<PluginProvider<?>> providers = new ArrayList<>();
    private final List<Module> overrides = new ArrayList<>();
    private String device = "auto";
    private DataType dataType = DataType.FLOAT32;
    private int threads;

    private Builder() {}

    /**
     * Whether to discover plug-ins on the module path and class path (default {@code true}).
     *
     * @param value the flag
     * @return this builder
     */
    public Builder optBootDiscovery(boolean value) {
      this.bootDiscovery = value;
      return this;
    }

    /**
     * A plug-in folder whose jars and sub-folders are loaded in child layers.
     *
     * @param folder the folder, or {@code null} for none
     * @return this builder
     */
    public Builder optPluginDirectory(Path folder) {
      this.pluginDirectory = folder;
      return this;
    }

    /**
     * Registers a PDE provider. Programmatic registrations replace built-in and discovered providers
     * of the same id.
     *
     * @param provider the provider
     * @return this builder
     */
    public Builder addPde(PdeProvider provider) {
      providers.add(provider);
      return this;
    }

    /**
     * Registers a ready-made PDE instance under its own id.
     *
     * @param pde the PDE
     * @return this builder
     */
    public Builder addPde(Pde pde) {
      return addPde(new InstancePdeProvider(pde));
    }

    /**
     * Registers a strategy provider.
     *
     * @param provider the provider
     * @return this builder
     */
    public Builder addStrategy(StrategyProvider provider) {
      providers.add(provider);
      return this;
    }

    /**
     * Registers an architecture provider.
     *
     * @param provider the provider
     * @return this builder
     */
    public Builder addArchitecture(ArchitectureProvider provider) {
      providers.add(provider);
      return this;
    }

    /**
     * Registers a trainer provider.
     *
     * @param provider the provider
     * @return this builder
     */
    public Builder addTrainer(TrainerProvider provider) {
      providers.add(provider);
      return this;
    }

    /**
     * A Guice module whose bindings override the framework's (e.g. a map-binder entry).
     *
     * @param module the module
     * @return this builder
     */
    public Builder optModule(Module module) {
      overrides.add(module);
      return this;
    }

    /**
     * The device: {@code auto}, {@code cpu}, {@code gpu} or {@code gpu:N}.
     *
     * @param value the device
     * @return this builder
     */
    public Builder optDevice(String value) {
      this.device = value;
      return this;
    }

    /**
     * The floating-point type of models.
     *
     * @param value float32 or float64
     * @return this builder
     */
    public Builder optDataType(DataType value) {
      this.dataType = value;
      return this;
    }

    /**
     * Intra-op threads of the native engine.
     *
     * @param value threads; 0 for all processors
     * @return this builder
     */
    public Builder optThreads(int value) {
      this.threads = value;
      return this;
    }

    /**
     * Discovers, registers and wires everything. The native engine is not started yet.
     *
     * @return the framework
     */
    public PinnAdapt build() {
      RuntimeSettings settings = new RuntimeSettings(device, dataType, threads);
      PluginCatalog catalog = new PluginCatalog();
      for (PluginProvider<?> p : BuiltIns.providers()) {
        catalog.add(new PluginEntry(PluginKind.of(p), p, BuiltIns.SOURCE));
      }
      if (bootDiscovery) {
        PluginLoader.discoverBoot(catalog);
      }
      if (pluginDirectory != null) {
        PluginLoader.discoverFolder(catalog, pluginDirectory);
      }
      for (PluginProvider<?> p : providers) {
        catalog.replace(new PluginEntry(PluginKind.of(p), p, PluginSource.PROGRAMMATIC));
      }
      // Plain bindings are overridden the usual Guice way; the plug-in map binders permit duplicates
      // and keep the last binding of an id, which is the override module's (installed after them).
      Module core = new CoreModule(catalog, settings);
      Module wiring = overrides.isEmpty() ? core : Modules.override(core).with(overrides);
      return new PinnAdapt(Guice.createInjector(new PluginModule(catalog), wiring));
    }
  }

  /** Wraps a PDE instance as a provider. */
  private static final class InstancePdeProvider implements PdeProvider {
    private final Pde pde;

    InstancePdeProvider(Pde pde) {
      this.pde = pde;
    }

    @Override
    public String id() {
      return pde.id();
    }

    @Override
    public String description() {
      return "PDE instance " + pde.getClass().getName();
    }

    @Override
    public List<Parameter> parameters() {
      return pde.parameters();
    }

    @Override
    public List<OptionSpec> options() {
      return List.of();
    }

    @Override
    public Pde create(Options options) {
      return pde;
    }
  }

  /**
   * Convenience for code that wants a provider's options as a map of defaults.
   *
   * @param provider a provider
   * @return default values by option name
   */
  public static Map<String, Object> defaults(PluginProvider<?> provider) {
    return Options.parse(provider.options(), Map.of(), provider.id()).asMap();
  }

  /**
   * The source of a registered id.
   *
   * @param kind the kind
   * @param id the id
   * @return the source, if the id is usable
   */
  public Optional<PluginSource> sourceOf(PluginKind kind, String id) {
    return Optional.ofNullable(catalog().entries(kind).get(id)).map(PluginEntry::source);
  }
}

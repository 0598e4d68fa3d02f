package org.pinnadapt.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.pinnadapt.api.PdeProvider;
import org.pinnadapt.api.PluginProvider;
import org.pinnadapt.api.base.Options;
import org.pinnadapt.api.pde.Pde;
import org.pinnadapt.core.testkit.PluginJars;

/**
 * The contract of a plug-in as it ships: the module of the plug-in's build is packed into a jar, loaded in a
 * child layer of the boot layer (which holds only what the framework gives plug-ins: the API), and listed the
 * way {@code pinnadapt plugins} lists it. Extend it in the plug-in's own tests; by default it packs
 * {@code target/classes}:
 *
 * <pre>{@code
 * class HeatJarContractTest extends PluginJarContract {}
 * }</pre>
 *
 * <p>Checks: the jar is a named module that resolves against the API alone and declares at least one
 * provider; listing (construct the provider, read its id, description, parameters and options) needs no
 * {@code create} and gives the same answers twice, and each id is unique and well formed;
 * {@code create} with the default options works; a PDE provider's {@code parameters()} are exactly the
 * created PDE's, and its id is the PDE's id.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class PluginJarContract {

  private List<PluginProvider<?>> providers;

  /**
   * The compiled module of the plug-in.
   *
   * @return its class folder (default {@code target/classes}) or a jar
   */
  protected Path compiledModule() {
    return Path.of("target", "classes");
  }

  @BeforeAll
  void loadTheJar(@TempDir Path work) {
    Path location = compiledModule();
    Path jar = location.toString().endsWith(".jar") ? location : PluginJars.pack(location, work.resolve("plugin.jar"));
    PluginJars.Listing listing = PluginJars.list(jar);
    assertThat(listing.warnings()).as("problems loading or listing the jar").isEmpty();
    providers = listing.providers();
  }

  @Test
  void theJarDeclaresProviders() {
    assertThat(providers).as("pinnadapt providers declared with provides ... with").isNotEmpty();
  }

  @Test
  void listingIsCheapAndStable() {
    for (PluginProvider<?> p : providers) {
      assertThat(p.id()).as("id of %s", p.getClass().getName()).matches("[a-z][a-z0-9-]*");
      assertThat(p.id()).isEqualTo(p.id());
      assertThat(p.description()).as("description of %s", p.id()).isNotBlank().isEqualTo(p.description());
      assertThat(p.options()).isEqualTo(p.options());
      if (p instanceof PdeProvider pde) {
        assertThat(pde.parameters()).as("parameters of %s", p.id()).isNotEmpty().isEqualTo(pde.parameters());
      }
    }
    assertThat(providers.stream().map(p -> p.getClass().getName() + ":" + p.id()).distinct())
        .hasSize(providers.size());
  }

  @Test
  void createWithDefaultOptionsWorks() {
    for (PluginProvider<?> p : providers) {
      Object product = p.create(Options.parse(p.options(), Map.of(), p.id()));
      assertThat(product).as("%s.create(defaults)", p.id()).isNotNull();
    }
  }

  @Test
  void aPdeProviderAgreesWithItsPde() {
    for (PluginProvider<?> p : providers) {
      if (p instanceof PdeProvider provider) {
        Pde pde = provider.create(Options.parse(p.options(), Map.of(), p.id()));
        assertThat(pde.id()).as("the id of the PDE %s creates", p.id()).isEqualTo(p.id());
        assertThat(provider.parameters()).as("%s: the provider's parameters() and the PDE's", p.id())
            .isEqualTo(pde.parameters());
      }
    }
  }
}

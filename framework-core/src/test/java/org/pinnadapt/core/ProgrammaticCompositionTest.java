package org.pinnadapt.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.MapBinder;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pinnadapt.api.PdeProvider;
import org.pinnadapt.core.plugin.PluginKind;
import org.pinnadapt.core.plugin.PluginSource;

class ProgrammaticCompositionTest {

  @Test
  void aPdeRegisteredInCodeWorksWithoutAFolderOrDiscovery() {
    try (PinnAdapt pa = PinnAdapt.builder().optBootDiscovery(false).addPde(TestPdes.heat()).build()) {
      assertThat(pa.registry().pdes()).containsOnlyKeys("heat");
      assertThat(pa.registry().pde("heat", Map.of()).referenceTask().parameter("kappa")).isEqualTo(0.5);
      assertThat(pa.sourceOf(PluginKind.PDE, "heat")).contains(PluginSource.PROGRAMMATIC);
    }
  }

  @Test
  void aGuiceModuleOverridesABinding() {
    AbstractModule override = new AbstractModule() {
      @Override
      protected void configure() {
        MapBinder.newMapBinder(binder(), String.class, PdeProvider.class)
            .addBinding("heat").toInstance(new TestPdes.HeatProvider("overridden"));
      }
    };
    try (PinnAdapt pa = PinnAdapt.builder()
        .optBootDiscovery(false)
        .addPde(new TestPdes.HeatProvider("original"))
        .optModule(override)
        .build()) {
      assertThat(pa.registry().pdeProvider("heat").description()).isEqualTo("overridden");
    }
  }

  @Test
  void aGuiceModuleOverridesAPlainBinding() {
    AbstractModule override = new AbstractModule() {
      @Override
      protected void configure() {
        bind(org.pinnadapt.core.runtime.RuntimeSettings.class).toInstance(
            new org.pinnadapt.core.runtime.RuntimeSettings("cpu", ai.djl.ndarray.types.DataType.FLOAT64, 1));
      }
    };
    try (PinnAdapt pa = PinnAdapt.builder().optBootDiscovery(false).optModule(override).build()) {
      assertThat(pa.instance(org.pinnadapt.core.runtime.RuntimeSettings.class).dataType())
          .isEqualTo(ai.djl.ndarray.types.DataType.FLOAT64);
    }
  }
}

package org.pinnadapt.cli.command;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.pinnadapt.api.PdeProvider;
import org.pinnadapt.api.base.OptionSpec;
import org.pinnadapt.api.pde.Parameter;
import org.pinnadapt.api.pde.ParametricPde;
import org.pinnadapt.core.PinnAdapt;
import org.pinnadapt.core.plugin.PluginCatalog;
import org.pinnadapt.core.plugin.PluginEntry;
import org.pinnadapt.core.plugin.PluginKind;
import org.pinnadapt.core.plugin.PluginWarning;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code pinnadapt plugins}: lists every plug-in and the warnings of discovery. */
@Command(name = "plugins", mixinStandardHelpOptions = true,
    description = "List PDEs, strategies, architectures and trainers with their parameters and sources.")
public final class PluginsCommand implements Callable<Integer> {

  @ParentCommand private Launcher main;
  @Spec private CommandSpec spec;

  @Option(names = "--json", description = "print JSON instead of a table")
  boolean json;

  /** Creates the command (picocli). */
  public PluginsCommand() {}

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try (PinnAdapt pa = main.global().framework()) {
      PluginCatalog catalog = pa.catalog();
      for (PluginWarning w : catalog.warnings()) {
        err.println("warning: " + w.source() + ": " + w.message());
      }
      if (json) {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        out.println(mapper.writeValueAsString(toJson(catalog)));
      } else {
        printTable(out, catalog);
      }
    }
    return 0;
  }

  private static Map<String, Object> toJson(PluginCatalog catalog) {
    Map<String, Object> root = new LinkedHashMap<>();
    for (PluginKind kind : PluginKind.values()) {
      List<Map<String, Object>> list = new ArrayList<>();
      for (PluginEntry e : catalog.entries(kind).values()) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", e.id());
        m.put("description", e.provider().description());
        m.put("module", e.source().module());
        m.put("origin", e.source().origin());
        m.put("location", e.source().location() == null ? null : e.source().location().toString());
        if (e.provider() instanceof PdeProvider p) {
          List<Map<String, Object>> params = new ArrayList<>();
          for (Parameter par : p.parameters()) {
            Map<String, Object> pm = new LinkedHashMap<>();
            pm.put("name", par.name());
            pm.put("min", par.min());
            pm.put("max", par.max());
            pm.put("default", par.defaultValue());
            pm.put("description", par.description());
            params.add(pm);
          }
          m.put("parameters", params);
        }
        List<Map<String, Object>> options = new ArrayList<>();
        for (OptionSpec o : e.provider().options()) {
          Map<String, Object> om = new LinkedHashMap<>();
          om.put("name", o.name());
          om.put("type", o.type().name().toLowerCase(Locale.ROOT));
          om.put("default", o.defaultValue());
          om.put("description", o.description());
          if (!o.choices().isEmpty()) {
            om.put("choices", o.choices());
          }
          options.add(om);
        }
        m.put("options", options);
        list.add(m);
      }
      root.put(plural(kind), list);
    }
    List<Map<String, String>> warnings = new ArrayList<>();
    for (PluginWarning w : catalog.warnings()) {
      warnings.add(Map.of("source", w.source(), "message", w.message()));
    }
    root.put("warnings", warnings);
    return root;
  }

  private static void printTable(PrintWriter out, PluginCatalog catalog) {
    for (PluginKind kind : PluginKind.values()) {
      out.println(heading(kind));
      if (catalog.entries(kind).isEmpty()) {
        out.println("  (none)");
      }
      for (PluginEntry e : catalog.entries(kind).values()) {
        out.printf("  %-12s %s%n", e.id(), e.provider().description());
        out.printf("  %-12s from %s%n", "", e.source().describe());
        if (e.provider() instanceof PdeProvider p) {
          for (Parameter par : p.parameters()) {
            out.printf("  %-12s   parameter %-8s [%s, %s], default %s: %s%n", "", par.name(),
                ParametricPde.format(par.min()), ParametricPde.format(par.max()),
                ParametricPde.format(par.defaultValue()), par.description());
          }
        }
        for (OptionSpec o : e.provider().options()) {
          out.printf("  %-12s   option    --%s=%s: %s%n", "", o.name(), o.defaultValue(), o.description());
        }
      }
      out.println();
    }
    if (!catalog.warnings().isEmpty()) {
      out.println("Warnings: " + catalog.warnings().size() + " plug-in(s) skipped (see standard error)");
    }
  }

  private static String plural(PluginKind kind) {
    switch (kind) {
      case PDE: return "pdes";
      case STRATEGY: return "strategies";
      case ARCHITECTURE: return "architectures";
      default: return "trainers";
    }
  }

  private static String heading(PluginKind kind) {
    switch (kind) {
      case PDE: return "PDEs";
      case STRATEGY: return "Strategies";
      case ARCHITECTURE: return "Architectures";
      default: return "Trainers";
    }
  }
}

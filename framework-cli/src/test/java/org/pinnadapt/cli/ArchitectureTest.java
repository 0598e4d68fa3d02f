package org.pinnadapt.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shape of the code, checked on the compiled classes of every module of the reactor (their
 * {@code target/classes}) with ArchUnit: no package cycles, and the TCK on the API and the test facade only.
 */
class ArchitectureTest {

  private static JavaClasses main;

  @BeforeAll
  static void importMainClasses() throws Exception {
    Path root = Path.of("..").toAbsolutePath().normalize();
    List<Path> folders;
    try (Stream<Path> modules = Files.list(root)) {
      folders = modules.map(m -> m.resolve("target/classes")).filter(Files::isDirectory).sorted().toList();
    }
    main = new ClassFileImporter().importPaths(folders);
  }

  @Test
  void noPackageDependsOnItselfThroughAnother() {
    slices().matching("org.pinnadapt.(**)").should().beFreeOfCycles().check(main);
  }

  @Test
  void theCommandLineNeitherCastsToPlugInClassesNorUsesTheirPackages() {
    noClasses().that().resideInAPackage("org.pinnadapt.cli..")
        .should().dependOnClassesThat().resideInAnyPackage("org.pinnadapt.strategy..", "org.pinnadapt.pde..")
        .check(main);
  }

  @Test
  void theCommandLineLeavesRunsToTheLibraries() {
    // the setup of a run, its evaluation loops and its errors live in core and framework-bench
    noClasses().that().resideInAPackage("org.pinnadapt.cli..")
        .should().dependOnClassesThat().haveFullyQualifiedName("org.pinnadapt.core.experiment.ExperimentSetup")
        .orShould().dependOnClassesThat().haveFullyQualifiedName("org.pinnadapt.core.experiment.Evaluation")
        .orShould().dependOnClassesThat().haveFullyQualifiedName("org.pinnadapt.core.loss.Metrics")
        .orShould().dependOnClassesThat().resideInAnyPackage("org.pinnadapt.core.nn..", "org.pinnadapt.core.train..",
            "org.pinnadapt.core.sampling..")
        .check(main);
  }

  @Test
  void theTckUsesTheApiAndTheTestFacadeOnly() {
    noClasses().that().resideInAPackage("org.pinnadapt.tck..")
        .should().dependOnClassesThat().resideInAnyPackage("org.pinnadapt.core", "org.pinnadapt.core.experiment..",
            "org.pinnadapt.core.nn..", "org.pinnadapt.core.loss..", "org.pinnadapt.core.runtime..",
            "org.pinnadapt.core.sampling..", "org.pinnadapt.core.train..", "org.pinnadapt.core.io..",
            "org.pinnadapt.core.plugin..", "org.pinnadapt.core.strategy..", "org.pinnadapt.core.report..")
        .check(main);
  }
}

package org.rewardlab.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertAll;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.EvaluationResult;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The module and package rules of ARCHITECTURE.md and CONVENTIONS.md, checked on the main classes
 * of every module on this test's classpath (the cli module sees them all, testkit included). Each
 * rule is its own test method, so a failure names the rule it breaks.
 */
class ArchitectureTest {
  private static final Pattern MODULE = Pattern.compile("^org\\.rewardlab\\.([a-z]+)(\\..*)?$");
  /** Module and first package below it: {@code org.rewardlab.<module>[.<package>]...}. */
  private static final Pattern MODULE_PACKAGE =
      Pattern.compile("^org\\.rewardlab\\.([a-z]+)(?:\\.([A-Za-z0-9_]+))?(?:\\..*)?$");
  private static JavaClasses classes;

  @BeforeAll
  static void importMainClasses() {
    classes = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("org.rewardlab");
  }

  @Test
  void importSeesTheModules() {
    // keeps the rules below from passing vacuously on an empty import
    assertThat(classes).isNotEmpty();
    assertThat(classes.contain(org.rewardlab.core.UserInputException.class)).isTrue();
    assertThat(classes.contain(org.rewardlab.repro.Claim.class)).isTrue();
    assertThat(classes.contain(Main.class)).isTrue();
    assertThat(classes.contain(MainTest.class)).as("test classes are not imported").isFalse();
  }

  /**
   * Checked on the bytecode and on the sources' imports: the bytecode misses a type used only for a
   * local variable ({@code Checkpoint ck = trainer.load(...)}), the imports miss fully qualified
   * names.
   */
  @Test
  void djlOnlyInNnAndAlgos() throws IOException {
    List<String> djlImportsElsewhere =
        mainSourceImports(m -> !m.equals("nn") && !m.equals("algos"), "ai.djl");
    assertThat(mainSourceImports(m -> m.equals("nn"), "ai.djl"))
        .as("the source scan sees nn's DJL imports").isNotEmpty();
    assertAll(
        () -> noClasses().that().resideInAPackage("org.rewardlab..")
            .and().resideOutsideOfPackages("org.rewardlab.nn..", "org.rewardlab.algos..")
            .should().dependOnClassesThat().resideInAPackage("ai.djl..")
            .because("only nn and algos touch tensors (ARCHITECTURE.md); core, envs, reward, search"
                + " and testkit are pure Java, and cli and repro go through the algorithms' Trainer")
            .check(classes),
        () -> assertThat(djlImportsElsewhere).as("DJL imports outside nn and algos").isEmpty());
  }

  @Test
  void modulesHaveNoCycles() {
    slices().matching("org.rewardlab.(*)..").should().beFreeOfCycles().check(classes);
  }

  /**
   * Within a module, the packages (the module's root package and each package right below it,
   * sub-packages counted with their parent) form no cycle. Cycles across modules are already
   * excluded by {@link #modulesHaveNoCycles()}.
   */
  @Test
  void packagesInsideAModuleHaveNoCycles() {
    slices().assignedFrom(PACKAGES_OF_A_MODULE).should().beFreeOfCycles()
        .because("a package cycle inside a module means two packages that cannot be understood,"
            + " tested or moved apart")
        .check(classes);
  }

  /** One slice per first-level package of a module: {@code reward.spec}, {@code reward.(root)}. */
  static final SliceAssignment PACKAGES_OF_A_MODULE = new SliceAssignment() {
    @Override
    public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
      return packageOfAModule(javaClass.getPackageName())
          .map(SliceIdentifier::of)
          .orElseGet(SliceIdentifier::ignore);
    }

    @Override
    public String getDescription() {
      return "the first-level packages of each module";
    }
  };

  /** {@code org.rewardlab.reward.spec.x} -> {@code reward.spec}; a module's root -> {@code reward.(root)}. */
  static Optional<String> packageOfAModule(String packageName) {
    Matcher m = MODULE_PACKAGE.matcher(packageName);
    if (!m.matches()) return Optional.empty();
    return Optional.of(m.group(1) + "." + (m.group(2) == null ? "(root)" : m.group(2)));
  }

  @Test
  void noAmbientRandomness() {
    NO_AMBIENT_RANDOMNESS.check(classes);
  }

  static final ArchRule NO_AMBIENT_RANDOMNESS = noClasses().that().resideInAPackage("org.rewardlab..")
      .should().dependOnClassesThat().belongToAnyOf(
          Random.class, ThreadLocalRandom.class, SplittableRandom.class, SecureRandom.class)
      .orShould().dependOnClassesThat().areAssignableTo(RandomGenerator.class)
      .orShould().callMethod(Math.class, "random")
      .orShould().callMethod(StrictMath.class, "random")
      .orShould().callMethod(Collections.class, "shuffle", List.class)
      .orShould().callMethodWhere(djlRandomness())
      .because("all randomness comes from a RandomSource derived by name from the run seed"
          + " (CONVENTIONS.md: no ambient randomness); RandomSource implements its own generator,"
          + " so no package is exempt");

  @Test
  void ambientRandomnessRuleCatchesEachGlobalSource() {
    JavaClasses fixtures = new ClassFileImporter().importClasses(
        AmbientRandomness.class, SeededRandomness.class);
    EvaluationResult result = NO_AMBIENT_RANDOMNESS.evaluate(fixtures);
    List<String> details = result.getFailureReport().getDetails();
    assertThat(details).allMatch(d -> d.contains(AmbientRandomness.class.getName()));
    assertThat(String.join("\n", details)).contains(
        "java.util.Random.<init>()", "java.lang.Math.random()",
        "java.util.concurrent.ThreadLocalRandom.current()", "java.util.SplittableRandom.<init>()",
        "java.security.SecureRandom.<init>()", "java.util.Collections.shuffle(java.util.List)");
  }

  /** A fixture for the randomness rule: every global source it must catch. */
  @SuppressWarnings("unused")
  private static final class AmbientRandomness {
    void draw(List<Integer> xs) {
      new Random().nextInt();
      Math.random();
      ThreadLocalRandom.current().nextInt();
      new SplittableRandom().nextInt();
      new SecureRandom().nextInt();
      Collections.shuffle(xs);
    }
  }

  /** A fixture for the randomness rule: a named stream derived from a seed is fine. */
  @SuppressWarnings("unused")
  private static final class SeededRandomness {
    int draw() {
      return org.rewardlab.core.random.RandomSource.of(1).derive("x").nextInt(3);
    }
  }

  /** DJL's global seed and its engine-side random tensors ({@code NDManager.random*}). */
  private static DescribedPredicate<JavaCall<?>> djlRandomness() {
    return DescribedPredicate.describe("DJL's engine seed or engine-side random tensors", call -> {
      String owner = call.getTargetOwner().getName();
      String name = call.getName();
      return (owner.equals("ai.djl.engine.Engine") && name.equals("setRandomSeed"))
          || (owner.equals("ai.djl.ndarray.NDManager") && name.startsWith("random"))
          || (owner.equals("ai.djl.ndarray.NDManager") && name.equals("truncatedNormal"));
    });
  }

  @Test
  void paperPackagesAreIndependent() {
    slices().matching("org.rewardlab.repro.(*)..").should().notDependOnEachOther()
        .because("each seed paper's reproduction is built from library parts, not from another"
            + " paper's package; shared repro code lives in org.rewardlab.repro itself")
        .check(classes);
  }

  /** Bytecode and imports, as {@link #djlOnlyInNnAndAlgos()}. */
  @Test
  void cliDoesNotUseNn() throws IOException {
    List<String> nnImports = mainSourceImports(m -> m.equals("cli"), "org.rewardlab.nn");
    assertThat(mainSourceImports(m -> m.equals("cli"), "org.rewardlab.core"))
        .as("the source scan sees cli's imports").isNotEmpty();
    assertAll(
        () -> noClasses().that().resideInAPackage("org.rewardlab.cli..")
            .should().dependOnClassesThat().resideInAPackage("org.rewardlab.nn..")
            .because("the CLI reaches networks and checkpoints through algos' Trainer, never nn"
                + " directly")
            .check(classes),
        () -> assertThat(nnImports).as("nn imports in cli").isEmpty());
  }

  /**
   * The import lines of {@code importedPackage} (or its sub-packages, static imports included) in
   * the main sources of the modules whose directory name passes {@code module}, as
   * {@code path:line: text}.
   */
  static List<String> mainSourceImports(Predicate<String> module, String importedPackage)
      throws IOException {
    Path root = Path.of(System.getProperty("rewardlab.repoRoot", "..")).toAbsolutePath().normalize();
    Pattern imports =
        Pattern.compile("^import\\s+(static\\s+)?" + Pattern.quote(importedPackage) + "\\.");
    List<String> hits = new ArrayList<>();
    List<Path> sourceRoots;
    try (Stream<Path> dirs = Files.list(root)) {
      sourceRoots = dirs.filter(d -> module.test(d.getFileName().toString()))
          .map(d -> d.resolve("src/main/java"))
          .filter(Files::isDirectory)
          .sorted()
          .toList();
    }
    for (Path sources : sourceRoots) {
      List<Path> files;
      try (Stream<Path> walk = Files.walk(sources)) {
        files = walk.filter(f -> f.toString().endsWith(".java")).sorted().toList();
      }
      for (Path f : files) {
        List<String> lines = Files.readAllLines(f);
        for (int i = 0; i < lines.size(); i++) {
          String line = lines.get(i).strip();
          if (imports.matcher(line).find()) hits.add(root.relativize(f) + ":" + (i + 1) + ": " + line);
        }
      }
    }
    return hits;
  }

  @Test
  void modulesFollowTheLayering() {
    layeredArchitecture()
        .consideringOnlyDependenciesInLayers()
        .withOptionalLayers(true)
        .layer("core").definedBy("org.rewardlab.core..")
        .layer("testkit").definedBy("org.rewardlab.testkit..")
        .layer("envs").definedBy("org.rewardlab.envs..")
        .layer("reward").definedBy("org.rewardlab.reward..")
        .layer("search").definedBy("org.rewardlab.search..")
        .layer("nn").definedBy("org.rewardlab.nn..")
        .layer("algos").definedBy("org.rewardlab.algos..")
        .layer("repro").definedBy("org.rewardlab.repro..")
        .layer("cli").definedBy("org.rewardlab.cli..")
        .whereLayer("core").mayNotAccessAnyLayer()
        .whereLayer("testkit").mayOnlyAccessLayers("core")
        .whereLayer("envs").mayOnlyAccessLayers("core")
        .whereLayer("reward").mayOnlyAccessLayers("core")
        .whereLayer("search").mayOnlyAccessLayers("core")
        .whereLayer("nn").mayOnlyAccessLayers("core")
        .whereLayer("algos").mayOnlyAccessLayers("core", "envs", "reward", "search", "nn")
        .whereLayer("repro").mayOnlyAccessLayers("core", "envs", "reward", "search", "nn", "algos")
        .whereLayer("cli").mayOnlyAccessLayers("core", "envs", "reward", "search", "nn", "algos", "repro")
        .because("module dependencies follow ARCHITECTURE.md")
        .check(classes);
  }

  @Test
  void nothingUsesAnotherModulesInternals() {
    classes().that().resideInAPackage("org.rewardlab..")
        .should(notDependOnOtherModulesInternals())
        .check(classes);
  }

  private static ArchCondition<JavaClass> notDependOnOtherModulesInternals() {
    return new ArchCondition<>("not depend on another module's internal package") {
      @Override
      public void check(JavaClass item, ConditionEvents events) {
        Optional<String> own = module(item.getPackageName());
        for (Dependency d : item.getDirectDependenciesFromSelf()) {
          String target = d.getTargetClass().getPackageName();
          Optional<String> other = module(target);
          boolean internal = (target + ".").contains(".internal.");
          if (internal && other.isPresent() && !other.equals(own)) {
            events.add(SimpleConditionEvent.violated(d, d.getDescription()));
          }
        }
      }
    };
  }

  /** The module of a package: {@code org.rewardlab.<module>...}. */
  static Optional<String> module(String packageName) {
    Matcher m = MODULE.matcher(packageName);
    return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
  }

  @Test
  void moduleOfAPackage() {
    assertThat(module("org.rewardlab.core.random")).contains("core");
    assertThat(module("org.rewardlab.repro")).contains("repro");
    assertThat(module("ai.djl.nn")).isEmpty();
  }

  @Test
  void packageOfAModuleCountsSubPackagesWithTheirParent() {
    assertThat(packageOfAModule("org.rewardlab.reward.spec")).contains("reward.spec");
    assertThat(packageOfAModule("org.rewardlab.reward.spec.yaml.x")).contains("reward.spec");
    assertThat(packageOfAModule("org.rewardlab.cli")).contains("cli.(root)");
    assertThat(packageOfAModule("org.rewardlabx.cli")).isEmpty();
    assertThat(packageOfAModule("ai.djl.nn")).isEmpty();
  }
}

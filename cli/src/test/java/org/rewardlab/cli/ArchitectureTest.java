package org.rewardlab.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The module rules of ARCHITECTURE.md, checked on the main classes of every module on this test's
 * classpath (the cli module sees them all).
 */
class ArchitectureTest {
  private static final Pattern MODULE = Pattern.compile("^org\\.rewardlab\\.([a-z]+)(\\..*)?$");
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

  @Test
  void pureJavaModulesNeverUseDjl() {
    noClasses().that().resideInAnyPackage(
            "org.rewardlab.core..", "org.rewardlab.envs..", "org.rewardlab.reward..",
            "org.rewardlab.search..", "org.rewardlab.testkit..")
        .should().dependOnClassesThat().resideInAPackage("ai.djl..")
        .because("core, envs, reward, search and testkit are pure Java (ARCHITECTURE.md)")
        .check(classes);
  }

  @Test
  void modulesHaveNoCycles() {
    slices().matching("org.rewardlab.(*)..").should().beFreeOfCycles().check(classes);
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
}

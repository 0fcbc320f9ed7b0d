package io.jurist;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.core.Violations;

class ModularityTests {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.jurist");

    @Test
    void modulesOnlyUseEachOthersPublishedTypesAndFormNoCycles() {
        ApplicationModules.of(JuristApplication.class).verify();
    }

    /** The check above bites: a module that uses another's internal package fails it (fixtures under test). */
    @Test
    void aModuleReachingIntoAnothersInternalPackageFailsTheCheck() {
        assertThatThrownBy(() -> fixture("reaching").verify()).isInstanceOf(Violations.class)
                .hasMessageContaining("reaching.beta.Caller")
                .hasMessageContaining("reaching.alpha.internal.Phrasebook");
        fixture("keeping").verify();
    }

    /** The fixture's classes are test classes, which ApplicationModules.of leaves out unless asked. */
    private static ApplicationModules fixture(String name) {
        return ApplicationModules.of("io.jurist.modularityfixture." + name, location -> true);
    }

    @Test
    void factModelDependsOnNothingButTheJdk() {
        classes().that().resideInAPackage("io.jurist.facts..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("io.jurist.facts..", "java..")
                .because("the rules' fact model must not depend on Spring, JPA or Camunda")
                .check(CLASSES);
    }

    @Test
    void auditDependsOnNoOtherModuleOfOursButTheSharedApiAndFacts() {
        classes().that().resideInAPackage("io.jurist.audit..")
                .should().onlyDependOnClassesThat(com.tngtech.archunit.base.DescribedPredicate.describe(
                        "outside io.jurist or inside audit, api or facts", (com.tngtech.archunit.core.domain.JavaClass c) ->
                                !(c.getPackageName() + ".").startsWith("io.jurist.")
                                        || c.getPackageName().startsWith("io.jurist.audit")
                                        || c.getPackageName().startsWith("io.jurist.api")
                                        || c.getPackageName().startsWith("io.jurist.facts")))
                .because("every module may write to the audit module, so it may use none of them but the two that "
                        + "depend on nothing")
                .check(CLASSES);
    }

    @Test
    void engagementStepsUseOnlyTheEngineDelegateApi() {
        classes().that().resideInAPackage("io.jurist.engagement..")
                .should().onlyDependOnClassesThat(com.tngtech.archunit.base.DescribedPredicate.describe(
                        "outside the engine or in its delegate API", (com.tngtech.archunit.core.domain.JavaClass c) ->
                                !c.getPackageName().startsWith("org.camunda")
                                        || c.getPackageName().startsWith("org.camunda.bpm.engine.delegate")))
                .because("engine calls go through the workflow module's Workflows")
                .check(CLASSES);
    }

    @Test
    void onlyThePlatformSecurityWorkflowAndEngagementModulesTalkToTheProcessEngine() {
        classes().that().resideInAPackage("io.jurist..")
                .and().resideOutsideOfPackages("io.jurist.platform..", "io.jurist.security..",
                        "io.jurist.workflow..", "io.jurist.engagement..")
                .should().onlyDependOnClassesThat().resideOutsideOfPackage("org.camunda..")
                .because("engine calls stay behind our own classes, so the engine can be replaced: platform "
                        + "starts it, security guards its doors, workflow drives it, and engagement's process steps "
                        + "use only its delegate API (see engagementStepsUseOnlyTheEngineDelegateApi)")
                .check(CLASSES);
    }
}

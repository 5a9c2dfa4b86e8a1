package com.exportservice;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The package structure the architecture doc describes: packages by feature, no cycles between them, the
 * composition root (this package: main, wiring) used by none, and triggers that submit through the one
 * submission path rather than the HTTP adapter.
 * <p>
 * ArchUnit reads the compiled classes: a reference made only through a compile-time constant (a
 * {@code static final String} used in an annotation, inlined by javac) leaves no trace there. The
 * {@code status -> engine} reference of this kind ({@code StatusTracker} reading {@code ExportProperties}
 * names) goes with the engine's checkpoint rework.
 */
@AnalyzeClasses(packages = "com.exportservice", importOptions = ImportOption.DoNotIncludeTests.class)
class PackageStructureTest {

    @ArchTest
    static final ArchRule should_have_no_cycles_between_feature_packages =
            slices().matching("com.exportservice.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule should_let_no_feature_package_depend_on_the_composition_root =
            noClasses().that().resideOutsideOfPackage("com.exportservice")
                    .should().dependOnClassesThat().resideInAPackage("com.exportservice");

    @ArchTest
    static final ArchRule should_let_triggers_submit_without_the_http_adapter =
            noClasses().that().resideInAnyPackage("com.exportservice.inbox..", "com.exportservice.schedule..",
                            "com.exportservice.cli..", "com.exportservice.submission..")
                    .should().dependOnClassesThat().resideInAPackage("com.exportservice.api..");

    @ArchTest
    static final ArchRule should_keep_settings_and_definitions_free_of_the_features_built_on_them =
            noClasses().that().resideInAPackage("com.exportservice.config..")
                    .should().dependOnClassesThat(resideInAPackage("com.exportservice..")
                            .and(not(resideInAPackage("com.exportservice.config.."))));
}

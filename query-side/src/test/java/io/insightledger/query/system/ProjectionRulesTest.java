package io.insightledger.query.system;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.messaging.unitofwork.UnitOfWork;

import java.util.function.Consumer;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** Rules every projection keeps, checked on the compiled classes. */
@AnalyzeClasses(packages = "io.insightledger.query", importOptions = ImportOption.DoNotIncludeTests.class)
class ProjectionRulesTest {

    /** Otherwise its processor silently skips records that cannot be read, instead of parking them. */
    @ArchTest
    static final ArchRule everyProjectionTakesUnreadableRecords = classes()
            .that().areAnnotatedWith(ProcessingGroup.class)
            .should().implement(Projection.class);

    /**
     * Work held back to the end of a batch goes through BatchWork: a batch handled again event by event ends that
     * work with each event, inside its savepoint, which a unit of work's own commit hook would not.
     */
    @ArchTest
    static final ArchRule workHeldBackGoesThroughBatchWork = noClasses()
            .that().resideInAPackage("io.insightledger.query..")
            .and().doNotHaveFullyQualifiedName(BatchWork.class.getName())
            .should().callMethod(UnitOfWork.class, "onPrepareCommit", Consumer.class);
}

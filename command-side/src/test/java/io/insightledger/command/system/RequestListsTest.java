package io.insightledger.command.system;

import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import jakarta.validation.constraints.Size;
import jakarta.validation.metadata.PropertyDescriptor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.util.ClassUtils;

import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** Every list in a request body has a maximum size: the body limit alone would let 10,000 attendees through. */
class RequestListsTest {

    private static final ValidatorFactory validation = Validation.buildDefaultValidatorFactory();
    private final Validator validator = validation.getValidator();

    @AfterAll
    static void close() {
        validation.close();
    }

    /** The records named {@code *Request} in the command side: the bodies its controllers read. */
    private static List<Class<?>> requestBodies() {
        ClassPathScanningCandidateComponentProvider scan = new ClassPathScanningCandidateComponentProvider(false);
        scan.addIncludeFilter((reader, factory) -> reader.getClassMetadata().getClassName().endsWith("Request"));
        return scan.findCandidateComponents("io.insightledger.command").stream()
                .<Class<?>>map(definition -> ClassUtils.resolveClassName(definition.getBeanClassName(), null))
                .filter(Class::isRecord)
                .toList();
    }

    @Test
    void everyListInARequestHasAMaximumSize() {
        List<Class<?>> bodies = requestBodies();
        assertThat(bodies).extracting(Class::getSimpleName)
                .contains("RecordMeetingRequest", "ReplaceAttendeesRequest", "ProposeHypothesisRequest",
                        "DecideHypothesisRequest", "CaptureObservationRequest", "PivotRequest");

        Map<String, Integer> maxima = new TreeMap<>();
        for (Class<?> body : bodies) {
            for (RecordComponent component : body.getRecordComponents()) {
                if (component.getType().isArray() || Collection.class.isAssignableFrom(component.getType())) {
                    maxima.put(body.getSimpleName() + "." + component.getName(),
                            maximumSize(body, component.getName()));
                }
            }
        }
        assertThat(maxima).containsKeys("RecordMeetingRequest.attendees", "ReplaceAttendeesRequest.attendees",
                "DecideHypothesisRequest.evidenceIds", "ProposeHypothesisRequest.tags",
                "ProposeHypothesisRequest.segments", "CaptureObservationRequest.tags");
        assertThat(maxima).allSatisfy((list, max) -> assertThat(max).as(list).isLessThanOrEqualTo(200));
    }

    /** The {@code @Size(max)} validation applies to the field; without one, as good as unbounded. */
    private int maximumSize(Class<?> body, String field) {
        PropertyDescriptor property = validator.getConstraintsForClass(body).getConstraintsForProperty(field);
        return property == null ? Integer.MAX_VALUE : property.getConstraintDescriptors().stream()
                .filter(constraint -> constraint.getAnnotation() instanceof Size)
                .mapToInt(constraint -> ((Size) constraint.getAnnotation()).max())
                .min().orElse(Integer.MAX_VALUE);
    }
}

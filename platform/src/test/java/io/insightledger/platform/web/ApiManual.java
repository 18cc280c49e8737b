package io.insightledger.platform.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.insightledger.platform.security.OpenToAnyone;
import io.insightledger.platform.security.Role;
import io.insightledger.platform.security.RoleRequired;
import io.insightledger.platform.security.WorkspaceRoleRequired;
import org.mockito.Mockito;
import org.springdoc.core.configuration.SpringDocConfiguration;
import org.springdoc.core.configuration.SpringDocSecurityConfiguration;
import org.springdoc.core.configuration.SpringDocSpecPropertiesConfiguration;
import org.springdoc.core.properties.SpringDocConfigProperties;
import org.springdoc.webmvc.core.configuration.SpringDocWebMvcConfiguration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.DependencyDescriptor;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.autoconfigure.http.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.validation.ValidationAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.DispatcherServletAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.WebMvcAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.ContextAnnotationAutowireCandidateResolver;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.ScannedGenericBeanDefinition;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.util.ClassUtils;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.RequestMapping;

import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * What both APIs promise their readers: the OpenAPI description is a manual (every operation says what it does, the
 * role it needs, the errors it answers, and shows a body to send) and every handler names its role.
 */
public final class ApiManual {

    /** A role, or NONE for the one operation open to anyone (signing in). */
    private static final Set<String> ROLES = Stream.concat(Arrays.stream(Role.values()).map(Role::name),
            Stream.of(RequiredRoleDocumentation.NO_ROLE)).collect(Collectors.toSet());

    private ApiManual() {
    }

    /**
     * An application of nothing but the web layer: the controllers and advice of whatever module is on the class
     * path, springdoc and the platform's description. Quick to start; a test adds its module's configuration file
     * ({@code spring.config.name}) for the same springdoc settings as in production.
     */
    @SpringBootConfiguration
    @ImportAutoConfiguration({PropertyPlaceholderAutoConfiguration.class, JacksonAutoConfiguration.class,
            HttpMessageConvertersAutoConfiguration.class, ValidationAutoConfiguration.class,
            DispatcherServletAutoConfiguration.class, WebMvcAutoConfiguration.class,
            SpringDocConfigProperties.class, SpringDocSpecPropertiesConfiguration.class, SpringDocConfiguration.class,
            SpringDocSecurityConfiguration.class, SpringDocWebMvcConfiguration.class})
    @ComponentScan(basePackages = "io.insightledger", useDefaultFilters = false, includeFilters = @ComponentScan.Filter(
            type = FilterType.ANNOTATION, classes = {Controller.class, ControllerAdvice.class}))
    @Import(OpenApiConfiguration.class)
    public static class WebLayer {

        /**
         * The controllers need their collaborators to exist, not to work: whatever a scanned controller or advice
         * asks for that is not a bean here is a mock (configured values excepted).
         */
        @Bean
        static BeanFactoryPostProcessor mockedCollaborators() {
            return factory -> {
                DefaultListableBeanFactory beans = (DefaultListableBeanFactory) factory;
                beans.setAutowireCandidateResolver(new ContextAnnotationAutowireCandidateResolver() {
                    @Override
                    public Object getLazyResolutionProxyIfNecessary(DependencyDescriptor descriptor, String beanName) {
                        if (beanName != null && beans.containsBeanDefinition(beanName)
                                && beans.getBeanDefinition(beanName) instanceof ScannedGenericBeanDefinition
                                && descriptor.getAnnotation(Value.class) == null
                                && beans.getBeanNamesForType(descriptor.getDependencyType()).length == 0) {
                            return Mockito.mock(descriptor.getDependencyType());
                        }
                        return super.getLazyResolutionProxyIfNecessary(descriptor, beanName);
                    }
                });
            };
        }
    }

    /**
     * The OpenAPI description the application answers at {@code /v3/api-docs}; also left in
     * {@code target/openapi.json}, so that it can be linted without starting the system
     * ({@code npx @redocly/cli lint command-side/target/openapi.json query-side/target/openapi.json}).
     */
    public static JsonNode description(MockMvc mvc) throws Exception {
        String json = mvc.perform(get("/v3/api-docs")).andReturn().getResponse().getContentAsString();
        Files.writeString(Path.of("target", "openapi.json"), json);
        return new ObjectMapper().readTree(json);
    }

    /** What each operation of the description lacks, as {@code "POST /api/meetings: no summary"}; empty when none. */
    public static List<String> gaps(JsonNode description) {
        List<String> gaps = new ArrayList<>();
        if (description.path("paths").isEmpty()) {
            gaps.add("no operation at all");
        }
        description.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            String name = op.getKey().toUpperCase() + " " + path.getKey() + ": ";
            JsonNode operation = op.getValue();
            if (operation.path("summary").asText().isBlank()) {
                gaps.add(name + "no summary");
            }
            if (operation.path("description").asText().isBlank()) {
                gaps.add(name + "no description");
            }
            if (!ROLES.contains(operation.path("x-required-role").asText())) {
                gaps.add(name + "no x-required-role");
            }
            if (!answersProblem4xx(operation.path("responses"))) {
                gaps.add(name + "no 4xx answer documented as " + MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            }
            operation.path("requestBody").path("content").fields().forEachRemaining(body -> {
                if (body.getValue().path("example").isMissingNode() && body.getValue().path("examples").isEmpty()) {
                    gaps.add(name + "no example of a " + body.getKey() + " request body");
                }
            });
        }));
        return gaps;
    }

    /**
     * Every handler method of the controllers under the package that names no role, on itself or its class.
     *
     * @throws IllegalStateException if there is no controller there: a scan of the wrong package would check nothing
     */
    public static List<String> handlersWithoutRole(String basePackage) {
        ClassPathScanningCandidateComponentProvider scan = new ClassPathScanningCandidateComponentProvider(false);
        scan.addIncludeFilter(new AnnotationTypeFilter(Controller.class));
        List<Class<?>> controllers = scan.findCandidateComponents(basePackage).stream()
                .<Class<?>>map(definition -> ClassUtils.resolveClassName(definition.getBeanClassName(), null))
                .toList();
        if (controllers.isEmpty()) {
            throw new IllegalStateException("No controller under " + basePackage);
        }
        return controllers.stream()
                .filter(controller -> !controller.isAnnotationPresent(RoleRequired.class)
                        && !controller.isAnnotationPresent(WorkspaceRoleRequired.class))
                .flatMap(controller -> Stream.of(controller.getDeclaredMethods())
                        .filter(method -> AnnotatedElementUtils.hasAnnotation(method, RequestMapping.class))
                        .filter(method -> !method.isAnnotationPresent(RoleRequired.class)
                                && !method.isAnnotationPresent(WorkspaceRoleRequired.class)
                                && !method.isAnnotationPresent(OpenToAnyone.class)))
                .sorted(Comparator.comparing(Method::toGenericString))
                .map(method -> method.getDeclaringClass().getSimpleName() + "." + method.getName())
                .toList();
    }

    private static boolean answersProblem4xx(JsonNode responses) {
        List<Map.Entry<String, JsonNode>> answers = new ArrayList<>();
        responses.fields().forEachRemaining(answers::add);
        return answers.stream().anyMatch(answer -> answer.getKey().startsWith("4")
                && answer.getValue().path("content").has(MediaType.APPLICATION_PROBLEM_JSON_VALUE));
    }
}

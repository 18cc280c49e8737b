package io.insightledger.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Refuses, in every request body and query parameter of both APIs, what some part downstream cannot store (see
 * {@link Storable}): every text and every instant of a body, however deeply nested, so that a new field is checked
 * without anyone remembering to annotate it. The instants of a request body are of things that happened.
 */
@RestControllerAdvice
public class StorableInput extends RequestBodyAdviceAdapter implements WebMvcConfigurer {

    private final Clock clock;

    public StorableInput() {
        this(Clock.systemUTC());
    }

    StorableInput(Clock clock) {
        this.clock = clock;
    }

    @Override
    public boolean supports(MethodParameter parameter, Type targetType,
                            Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public Object afterBodyRead(Object body, HttpInputMessage inputMessage, MethodParameter parameter,
                                Type targetType, Class<? extends HttpMessageConverter<?>> converterType) {
        List<ProblemResponses.FieldProblem> problems = problems(body);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return body;
    }

    /** Query parameters go into SQL as they are. (Tomcat itself refuses an encoded NUL in the path.) */
    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new HandlerInterceptor() {
            @Override
            public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
                checkParameters(request);
                return true;
            }
        });
    }

    private static void checkParameters(HttpServletRequest request) {
        List<ProblemResponses.FieldProblem> problems = new ArrayList<>();
        request.getParameterMap().forEach((name, values) -> {
            for (String value : values) {
                if (!Storable.isStorable(value) || !Storable.isStorable(name)) {
                    problems.add(new ProblemResponses.FieldProblem(name, Storable.TEXT_RULE, Storable.TEXT_MESSAGE));
                    return;
                }
            }
        });
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
    }

    /** Every text and instant in the body that breaks a rule, named by its path ({@code attendees[2].name}). */
    List<ProblemResponses.FieldProblem> problems(Object body) {
        List<ProblemResponses.FieldProblem> problems = new ArrayList<>();
        check(body, "", problems, clock.instant());
        return problems;
    }

    private static void check(Object value, String path, List<ProblemResponses.FieldProblem> problems, Instant now) {
        if (value instanceof CharSequence text) {
            if (!Storable.isStorable(text)) {
                problems.add(new ProblemResponses.FieldProblem(named(path), Storable.TEXT_RULE, Storable.TEXT_MESSAGE));
            }
        } else if (value instanceof Instant instant) {
            Storable.happened(named(path), instant, now).ifPresent(problems::add);
        } else if (value instanceof Collection<?> items) {
            int index = 0;
            for (Object item : items) {
                check(item, path + "[" + index++ + "]", problems, now);
            }
        } else if (value instanceof Map<?, ?> entries) {
            entries.forEach((key, item) -> {
                String keyPath = path.isEmpty() ? String.valueOf(key) : path + "." + key;
                check(key, keyPath, problems, now);
                check(item, keyPath, problems, now);
            });
        } else if (value != null && value.getClass().isRecord()) {
            for (RecordComponent component : value.getClass().getRecordComponents()) {
                check(read(component, value), path.isEmpty() ? component.getName() : path + "." + component.getName(),
                        problems, now);
            }
        }
    }

    private static String named(String path) {
        return path.isEmpty() ? "body" : path;
    }

    private static Object read(RecordComponent component, Object record) {
        try {
            component.getAccessor().setAccessible(true);
            return component.getAccessor().invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("Cannot read " + component + " of a request body", e);
        }
    }
}

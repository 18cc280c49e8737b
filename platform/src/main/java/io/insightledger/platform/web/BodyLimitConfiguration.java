package io.insightledger.platform.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.util.unit.DataSize;

/** The request body limit ({@code insight.http.max-request-body}) of both APIs. */
@Configuration(proxyBeanMethods = false)
class BodyLimitConfiguration {

    /**
     * Right after the correlation id (so a refusal is logged with it) and ahead of security: an oversized body is
     * refused whoever sends it, before a login is even checked.
     */
    @Bean
    FilterRegistrationBean<BodyWithinLimitFilter> bodyWithinLimitFilter(
            @Value("${insight.http.max-request-body}") DataSize limit, ObjectMapper json) {
        FilterRegistrationBean<BodyWithinLimitFilter> registration =
                new FilterRegistrationBean<>(new BodyWithinLimitFilter(limit, json));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }
}

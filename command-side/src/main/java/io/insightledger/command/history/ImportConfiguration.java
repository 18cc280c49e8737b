package io.insightledger.command.history;

import org.axonframework.commandhandling.CommandBus;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.time.Clock;

/** Import mode's wiring: the header check on every command request, its metadata, and the order check. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ImportedHistory.class)
class ImportConfiguration {

    @Bean
    ImportKeepsOrder importKeepsOrder(CommandBus commandBus, EventStore eventStore) {
        ImportKeepsOrder importKeepsOrder = new ImportKeepsOrder(eventStore);
        commandBus.registerHandlerInterceptor(importKeepsOrder);
        return importKeepsOrder;
    }

    /** Registered with the command gateway by Axon's auto-configuration. */
    @Bean
    EffectiveTimeMetadata effectiveTimeMetadata() {
        return new EffectiveTimeMetadata();
    }

    @Bean
    EffectiveTimeDocumentation effectiveTimeDocumentation() {
        return new EffectiveTimeDocumentation();
    }

    @Bean
    WebMvcConfigurer effectiveTimeHeader(ImportedHistory importedHistory) {
        EffectiveTimeHeader header = new EffectiveTimeHeader(importedHistory, Clock.systemUTC());
        return new WebMvcConfigurer() {
            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                registry.addInterceptor(header).addPathPatterns("/api/**");
            }
        };
    }
}

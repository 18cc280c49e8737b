package io.insightledger.platform.privacy;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The key store and the sealing of personal data, shared by both APIs. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PrivacyProperties.class)
public class PrivacyConfiguration {

    @Bean(destroyMethod = "close")
    KeyStore keyStore(PrivacyProperties properties, @Value("${spring.application.name}") String application) {
        return KeyStore.open(properties, application);
    }

    @Bean
    PersonalData personalData(KeyStore keys) {
        return PersonalData.of(keys);
    }
}

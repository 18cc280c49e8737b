package io.insightledger.platform;

import org.springframework.boot.builder.SpringApplicationBuilder;

/** How both applications start, alone or side by side in one JVM (the standalone run). */
public final class InsightApplications {

    private InsightApplications() {
    }

    /**
     * @param configName the application's own configuration file, so both can share one classpath
     */
    public static SpringApplicationBuilder builder(Class<?> application, String configName) {
        // Axon's update checker would report to its vendor over the internet: this system talks to nobody it was not
        // configured to talk to
        System.setProperty("axoniq.update-checker.disabled", "true");
        return new SpringApplicationBuilder(application).properties("spring.config.name=" + configName);
    }
}

package io.insightledger.command;

import io.insightledger.platform.InsightApplications;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** The write side: takes commands over HTTP, enforces the rules in aggregates, stores events and publishes them. */
@SpringBootApplication(scanBasePackages = {"io.insightledger.command", "io.insightledger.platform"})
public class CommandSideApplication {

    /** Reads {@code command-side.yml}, so that both applications can share one classpath (the standalone run). */
    public static SpringApplicationBuilder builder() {
        return InsightApplications.builder(CommandSideApplication.class, "command-side");
    }

    public static void main(String[] args) {
        builder().run(args);
    }
}

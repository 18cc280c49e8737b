package io.insightledger.query;

import io.insightledger.platform.InsightApplications;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** The read side: projects the event topic into PostgreSQL and answers queries from it. */
@SpringBootApplication(scanBasePackages = {"io.insightledger.query", "io.insightledger.platform"})
public class QuerySideApplication {

    /** Reads {@code query-side.yml}, so that both applications can share one classpath (the standalone run). */
    public static SpringApplicationBuilder builder() {
        return InsightApplications.builder(QuerySideApplication.class, "query-side");
    }

    public static void main(String[] args) {
        builder().run(args);
    }
}

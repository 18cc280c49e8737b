package io.insightledger.query.hypothesis;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.insightledger.query.system.BatchedWrites;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;

/** One journal for the projection, on the application's pool; one for the query API, on the reads pool. */
@Configuration(proxyBeanMethods = false)
class JournalConfiguration {

    @Bean
    HypothesisJournal hypothesisJournal(DataSource dataSource, BatchedWrites writes, ObjectMapper json) {
        return new HypothesisJournal(dataSource, writes, json);
    }

    @Bean(defaultCandidate = false)
    @Qualifier("reads")
    HypothesisJournal readsJournal(@Qualifier("reads") DataSource reads, BatchedWrites writes, ObjectMapper json) {
        return new HypothesisJournal(reads, writes, json);
    }
}

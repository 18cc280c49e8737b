package io.insightledger.query.system;

import io.insightledger.platform.web.ApiManual;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;

/** The query API's description is its manual, and no handler of it is left without a role. */
@SpringBootTest(classes = ApiManual.WebLayer.class, properties = "spring.config.name=query-side")
// no security filters: the description is public, and the roles are read from the handlers
@AutoConfigureMockMvc(addFilters = false)
class QueryApiManualTest {

    @Autowired
    private MockMvc mvc;

    @Test
    void everyOperationIsDocumented() throws Exception {
        assertThat(ApiManual.gaps(ApiManual.description(mvc))).isEmpty();
    }

    @Test
    void everyHandlerNamesItsRole() {
        assertThat(ApiManual.handlersWithoutRole("io.insightledger.query")).isEmpty();
    }
}

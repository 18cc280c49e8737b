package io.insightledger.platform.web;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An API's description is its manual, and no handler of it is left without a role. Each API's test extends this with
 * {@code @SpringBootTest(classes = ApiManual.WebLayer.class, properties = "spring.config.name=<its file>")}.
 */
// no security filters: the description is read as the API serves it, and the roles are read from the handlers
@AutoConfigureMockMvc(addFilters = false)
public abstract class ApiManualTest {

    @Autowired
    private MockMvc mvc;

    /** Where the API's controllers are. */
    protected abstract String controllers();

    @Test
    void everyOperationIsDocumented() throws Exception {
        assertThat(ApiManual.gaps(ApiManual.description(mvc))).isEmpty();
    }

    @Test
    void everyHandlerNamesItsRole() {
        assertThat(ApiManual.handlersWithoutRole(controllers())).isEmpty();
    }
}

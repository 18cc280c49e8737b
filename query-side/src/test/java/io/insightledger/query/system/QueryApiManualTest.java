package io.insightledger.query.system;

import io.insightledger.platform.web.ApiManual;
import io.insightledger.platform.web.ApiManualTest;
import org.springframework.boot.test.context.SpringBootTest;

/** The query API's description is its manual, and no handler of it is left without a role. */
@SpringBootTest(classes = ApiManual.WebLayer.class, properties = "spring.config.name=query-side")
class QueryApiManualTest extends ApiManualTest {

    @Override
    protected String controllers() {
        return "io.insightledger.query";
    }
}

package io.insightledger.command.history;

import io.insightledger.command.system.StoreMayBeAway;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.web.method.HandlerMethod;

/** Every command operation takes {@value ImportedHistory#HEADER}: says so, with the role it needs. */
class EffectiveTimeDocumentation implements OperationCustomizer {

    @Override
    public Operation customize(Operation operation, HandlerMethod handler) {
        if (handler.getBeanType().isAnnotationPresent(StoreMayBeAway.class)) {
            operation.addParametersItem(new HeaderParameter().name(ImportedHistory.HEADER).required(false)
                    .schema(new StringSchema().format("date-time").example("2025-03-02T10:00:00Z"))
                    .description("Import mode only (insight.import.enabled), and only for an ADMIN (403 "
                            + "ImportModeOff, ImportNeedsAdmin): when what this command records really happened, "
                            + "from 1900 to now. Its events carry it as happenedAt."));
        }
        return operation;
    }
}

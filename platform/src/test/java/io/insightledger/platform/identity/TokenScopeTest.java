package io.insightledger.platform.identity;

import io.insightledger.platform.security.Role;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TokenScopeTest {

    @Test
    void aReadTokenActsAsAViewerWhateverItsOwnersRole() {
        for (Role owner : Role.values()) {
            assertThat(TokenScope.READ.roleFor(owner)).as(owner.name()).contains(Role.VIEWER);
        }
    }

    @Test
    void aReadWriteTokenOrASessionActsWithItsOwnersRoleNoMore() {
        for (Role owner : Role.values()) {
            assertThat(TokenScope.READ_WRITE.roleFor(owner)).as(owner.name()).contains(owner);
            assertThat(TokenScope.SESSION.roleFor(owner)).as(owner.name()).contains(owner);
        }
    }

    @Test
    void aMetricsTokenHasNoRoleEvenForAnAdmin() {
        for (Role owner : Role.values()) {
            assertThat(TokenScope.METRICS.roleFor(owner)).as(owner.name()).isEmpty();
        }
    }

    @Test
    void noScopeGivesMoreThanItsOwnerHas() {
        for (TokenScope scope : TokenScope.values()) {
            for (Role owner : Role.values()) {
                scope.roleFor(owner).ifPresent(role -> assertThat(owner.includes(role)).as(scope + " of " + owner)
                        .isTrue());
            }
        }
    }
}

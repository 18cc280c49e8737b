package io.insightledger.platform.security;

import org.junit.jupiter.api.Test;
import org.springframework.security.core.GrantedAuthority;

import static io.insightledger.platform.security.Role.ADMIN;
import static io.insightledger.platform.security.Role.CONTRIBUTOR;
import static io.insightledger.platform.security.Role.DECIDER;
import static io.insightledger.platform.security.Role.VIEWER;
import static org.assertj.core.api.Assertions.assertThat;

class RoleTest {

    @Test
    void eachRoleIncludesItselfAndTheOnesBeforeItOnly() {
        assertThat(Role.values()).containsExactly(VIEWER, CONTRIBUTOR, DECIDER, ADMIN);
        assertThat(VIEWER.includes(VIEWER)).isTrue();
        assertThat(VIEWER.includes(CONTRIBUTOR)).isFalse();
        assertThat(CONTRIBUTOR.includes(VIEWER)).isTrue();
        assertThat(CONTRIBUTOR.includes(DECIDER)).isFalse();
        assertThat(DECIDER.includes(CONTRIBUTOR)).isTrue();
        assertThat(DECIDER.includes(ADMIN)).isFalse();
        for (Role role : Role.values()) {
            assertThat(ADMIN.includes(role)).as(role.name()).isTrue();
        }
    }

    @Test
    void atMostIsTheLowerOfTheTwo() {
        assertThat(ADMIN.atMost(VIEWER)).isEqualTo(VIEWER);
        assertThat(DECIDER.atMost(CONTRIBUTOR)).isEqualTo(CONTRIBUTOR);
        assertThat(VIEWER.atMost(ADMIN)).isEqualTo(VIEWER);
        assertThat(CONTRIBUTOR.atMost(CONTRIBUTOR)).isEqualTo(CONTRIBUTOR);
        for (Role role : Role.values()) {
            for (Role cap : Role.values()) {
                Role capped = role.atMost(cap);
                assertThat(role.includes(capped) && cap.includes(capped)).as(role + " at most " + cap).isTrue();
                assertThat(capped == role || capped == cap).isTrue();
            }
        }
    }

    @Test
    void aRolesAuthoritiesAreItsOwnAndThoseOfTheRolesItIncludes() {
        assertThat(DECIDER.authorities()).extracting(GrantedAuthority::getAuthority)
                .containsExactly("ROLE_VIEWER", "ROLE_CONTRIBUTOR", "ROLE_DECIDER");
        assertThat(VIEWER.authorities()).extracting(GrantedAuthority::getAuthority).containsExactly("ROLE_VIEWER");
        assertThat(ADMIN.authority()).isEqualTo("ROLE_ADMIN");
    }
}

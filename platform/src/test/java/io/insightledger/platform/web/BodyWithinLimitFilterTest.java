package io.insightledger.platform.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.ServletInputStream;
import org.junit.jupiter.api.Test;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;
import org.springframework.mock.web.DelegatingServletInputStream;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.util.unit.DataSize;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BodyWithinLimitFilterTest {

    private static final int LIMIT = 16;

    // as Spring Boot builds it: with the mix-in that writes a problem's own properties
    private final ObjectMapper json = Jackson2ObjectMapperBuilder.json().build();
    private final BodyWithinLimitFilter filter = new BodyWithinLimitFilter(DataSize.ofBytes(LIMIT), json);
    private final MockHttpServletResponse response = new MockHttpServletResponse();
    private final MockFilterChain chain = new MockFilterChain();

    /** A chunked body that never ends, counting what was read of it. */
    private static final class EndlessBody extends InputStream {
        long read;

        @Override
        public int read() {
            read++;
            return 'x';
        }
    }

    private static MockHttpServletRequest chunked(InputStream body) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/meetings") {
            @Override
            public long getContentLengthLong() {
                return -1;
            }

            @Override
            public int getContentLength() {
                return -1;
            }

            @Override
            public ServletInputStream getInputStream() {
                return new DelegatingServletInputStream(body);
            }
        };
        request.addHeader("Transfer-Encoding", "chunked");
        return request;
    }

    @Test
    void aDeclaredLengthAboveTheLimitIsRefusedUnread() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/meetings") {
            @Override
            public long getContentLengthLong() {
                return 30L * 1024 * 1024;
            }

            @Override
            public ServletInputStream getInputStream() {
                throw new AssertionError("the body was read");
            }
        };

        filter.doFilter(request, response, chain);

        assertThat(chain.getRequest()).as("passed on").isNull();
        assertRefused();
    }

    @Test
    void aChunkedBodyIsReadOnlyUntilItPassesTheLimit() throws Exception {
        EndlessBody body = new EndlessBody();

        filter.doFilter(chunked(body), response, chain);

        assertThat(chain.getRequest()).as("passed on").isNull();
        assertThat(body.read).isEqualTo(LIMIT + 1);
        assertRefused();
    }

    @Test
    void aChunkedBodyWithinTheLimitIsPassedOnWhole() throws Exception {
        byte[] sent = "{\"id\":\"m-1\"}".getBytes(StandardCharsets.UTF_8);

        filter.doFilter(chunked(new ByteArrayInputStream(sent)), response, chain);

        assertThat(chain.getRequest()).isNotNull();
        assertThat(chain.getRequest().getInputStream().readAllBytes()).isEqualTo(sent);
        assertThat(chain.getRequest().getContentLengthLong()).isEqualTo(sent.length);
        assertThat(response.getStatus()).isEqualTo(200);
    }

    @Test
    void aBodyWithinTheLimitIsPassedOnUntouched() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/meetings");
        request.setContent(new byte[LIMIT]);

        filter.doFilter(request, response, chain);

        assertThat(chain.getRequest()).isSameAs(request);
    }

    @Test
    void aLimitThatCannotBeHonouredStopsTheStart() {
        assertThatThrownBy(() -> new BodyWithinLimitFilter(DataSize.ofGigabytes(4), json))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private void assertRefused() throws Exception {
        assertThat(response.getStatus()).isEqualTo(413);
        assertThat(response.getContentType()).isEqualTo("application/problem+json");
        assertThat(response.getHeader("Connection")).isEqualTo("close");
        JsonNode problem = json.readTree(response.getContentAsByteArray());
        assertThat(problem.path("rule").asText()).isEqualTo("BodyWithinLimit");
        assertThat(problem.path("limit").asInt()).isEqualTo(LIMIT);
        assertThat(problem.path("status").asInt()).isEqualTo(413);
        assertThat(problem.path("instance").asText()).isEqualTo("/api/meetings");
    }
}

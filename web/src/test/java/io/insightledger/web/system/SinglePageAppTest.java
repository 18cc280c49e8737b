package io.insightledger.web.system;

import io.insightledger.web.WebApplication;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The single-page app as the web application serves it: its pages, its workspace switcher, and text only. */
@SpringBootTest(classes = WebApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=web", "insight.web.command-side-url=http://127.0.0.1:9",
                "insight.web.query-side-url=http://127.0.0.1:9"})
class SinglePageAppTest {

    private static final Pattern ROUTE_PAGE = Pattern.compile("\\[/\\^.*?/, '([a-z-]+)'");

    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theHeaderHasAWorkspaceSwitcherAndAdministratorsAWorkspacesPage() throws Exception {
        HttpResponse<String> index = get("/index.html");
        assertThat(index.statusCode()).isEqualTo(200);
        assertThat(index.body()).contains("id=\"workspace-switcher\"", "<label for=\"workspace\">Workspace</label>",
                "<select id=\"workspace\"></select>", "href=\"#/workspaces\" id=\"nav-workspaces\" data-role=\"ADMIN\" hidden");
        for (String page : List.of("workspaces", "workspace")) {
            HttpResponse<String> module = get("/js/pages/" + page + ".js");
            assertThat(module.statusCode()).as(page).isEqualTo(200);
            assertThat(module.headers().firstValue("Content-Type")).as(page).hasValueSatisfying(type ->
                    assertThat(type).contains("javascript"));
        }
    }

    @Test
    void everyRoutedPageExists() throws Exception {
        String main = get("/js/main.js").body();
        List<String> pages = new ArrayList<>();
        Matcher route = ROUTE_PAGE.matcher(main);
        while (route.find()) {
            pages.add(route.group(1));
        }
        assertThat(pages).contains("board", "meeting", "users", "workspaces", "workspace");
        for (String page : pages) {
            assertThat(get("/js/pages/" + page + ".js").statusCode()).as(page).isEqualTo(200);
        }
    }

    /** Data from the APIs (workspace names, meeting titles) only ever becomes text nodes. */
    @Test
    void noScriptParsesHtml() throws Exception {
        Resource[] scripts = new PathMatchingResourcePatternResolver().getResources("classpath:static/js/**/*.js");
        assertThat(scripts).hasSizeGreaterThan(15);
        for (Resource script : scripts) {
            String source = script.getContentAsString(StandardCharsets.UTF_8);
            assertThat(source).as(script.getFilename())
                    .doesNotContain("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "DOMParser");
        }
    }

    @Test
    void readsAskForTheChosenWorkspaceAndSoDoesTheStream() throws Exception {
        String app = get("/js/app.js").body();
        assertThat(app).contains("new EventSource('/api/stream' + query(scoped()))");
        for (String page : List.of("board", "meetings", "decisions", "dashboard", "organizations")) {
            assertThat(get("/js/pages/" + page + ".js").body()).as(page).contains("query(scoped(");
        }
    }
}

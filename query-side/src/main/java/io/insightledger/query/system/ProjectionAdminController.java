package io.insightledger.query.system;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Map;

/** For administrators: where each projection stands, and rebuilding one or all from the start of the topic. */
@RestController
@RequestMapping("/api/admin/projections")
class ProjectionAdminController {

    private final ProjectionAdmin admin;

    ProjectionAdminController(ProjectionAdmin admin) {
        this.admin = admin;
    }

    @GetMapping
    Map<String, List<ProjectionAdmin.Status>> projections() {
        return Map.of("items", admin.statuses());
    }

    @GetMapping("/{name}")
    ProjectionAdmin.Status projection(@PathVariable String name) {
        return admin.status(name);
    }

    /** Starts the rebuild and answers at once; follow it with GET (or on /api/stream). */
    @PostMapping("/{name}/rebuild")
    @ResponseStatus(HttpStatus.ACCEPTED)
    ProjectionAdmin.Status rebuild(@PathVariable String name) {
        return admin.rebuild(name);
    }

    @PostMapping("/rebuild")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Map<String, List<ProjectionAdmin.Status>> rebuildAll() {
        return Map.of("items", admin.names().stream().sorted().map(admin::rebuild).toList());
    }
}

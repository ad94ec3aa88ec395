package dev.autosync.sandbox;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.autosync.standins.ProjectRoot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * GitHub's published OpenAPI description ({@code @octokit/openapi}, pinned in package-lock.json),
 * reduced at test time to the paths the sandbox serves plus every component they reference, so the
 * validator parses a few hundred kilobytes instead of 13 MB. Loaded once per test JVM.
 */
final class GitHubOpenApi {

    /** Every path the sandbox serves, as the description spells them. */
    static final List<String> PATHS = List.of(
            "/app/installations", "/app/installations/{installation_id}",
            "/app/installations/{installation_id}/access_tokens", "/app/hook/deliveries",
            "/app/hook/deliveries/{delivery_id}/attempts", "/installation/repositories",
            "/repos/{owner}/{repo}", "/repos/{owner}/{repo}/commits", "/repos/{owner}/{repo}/issues",
            "/repos/{owner}/{repo}/pulls", "/repos/{owner}/{repo}/compare/{basehead}", "/search/issues");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static volatile OpenApiInteractionValidator validator;

    private GitHubOpenApi() {
    }

    /** The validator's report on one sandbox response to {@code method path}. */
    static ValidationReport validate(String method, String path, HttpResponse<String> response) {
        SimpleResponse.Builder simple = SimpleResponse.Builder.status(response.statusCode());
        response.headers().map().forEach(simple::withHeader);
        if (!response.body().isEmpty()) {
            simple.withBody(response.body());
        }
        return validator().validateResponse(path, Request.Method.valueOf(method), simple.build());
    }

    private static OpenApiInteractionValidator validator() {
        if (validator == null) {
            synchronized (GitHubOpenApi.class) {
                if (validator == null) {
                    validator = OpenApiInteractionValidator.createForInlineApiSpecification(reduced().toString())
                            // The validator forbids extra properties inside allOf parts, which GitHub's
                            // own responses (repository = allOf[repository, custom_properties]) break.
                            .withLevelResolver(LevelResolver.create()
                                    .withLevel("validation.schema.additionalProperties", ValidationReport.Level.IGNORE)
                                    .build())
                            .build();
                }
            }
        }
        return validator;
    }

    static ObjectNode reduced() {
        JsonNode full = load();
        ObjectNode spec = JSON.createObjectNode();
        spec.set("openapi", full.get("openapi"));
        spec.set("info", full.get("info"));
        spec.set("servers", full.get("servers"));
        ObjectNode paths = spec.putObject("paths");
        PATHS.forEach(p -> paths.set(p, full.at("/paths/" + p.replace("~", "~0").replace("/", "~1")).deepCopy()));
        correctKnownDefects(paths);
        ObjectNode components = spec.putObject("components");
        Deque<JsonNode> pending = new ArrayDeque<>(List.of(paths));
        Set<String> seen = new LinkedHashSet<>();
        while (!pending.isEmpty()) {
            for (String ref : refs(pending.pop())) {
                if (seen.add(ref)) {
                    String[] parts = ref.substring("#/components/".length()).split("/", 2);
                    JsonNode target = full.path("components").path(parts[0]).path(parts[1]);
                    components.with(parts[0]).set(parts[1], target);
                    pending.push(target);
                }
            }
        }
        return spec;
    }

    /**
     * {@code GET /app/installations} inlines the installation schema with {@code account} as
     * {@code allOf[simple-user, enterprise]}, which no real account satisfies; the same description's
     * {@code installation} component says {@code anyOf}. Use the component, as the single-installation
     * endpoint does.
     */
    private static void correctKnownDefects(ObjectNode paths) {
        ObjectNode schema = (ObjectNode) paths.at("/~1app~1installations/get/responses/200/content/application~1json/schema");
        schema.putObject("items").put("$ref", "#/components/schemas/installation");
    }

    private static Set<String> refs(JsonNode node) {
        Set<String> refs = new LinkedHashSet<>();
        Deque<JsonNode> stack = new ArrayDeque<>(List.of(node));
        while (!stack.isEmpty()) {
            JsonNode current = stack.pop();
            if (current.has("$ref") && current.get("$ref").isTextual()) {
                refs.add(current.get("$ref").asText());
            }
            for (Iterator<JsonNode> it = current.elements(); it.hasNext(); ) {
                stack.push(it.next());
            }
        }
        return refs;
    }

    private static JsonNode load() {
        try {
            return JSON.readTree(ProjectRoot.nodeModules("@octokit/openapi")
                    .resolve("@octokit/openapi/generated/api.github.com.json").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read GitHub's OpenAPI description", e);
        }
    }
}

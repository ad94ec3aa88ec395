package dev.autosync.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.cloudformation.include.CfnInclude;

/**
 * template.yaml (SAM) and the CDK stack describe the same system: the root template, loaded with CDK's
 * {@link CfnInclude} (SAM resources load as {@code AWS::Serverless::*}; the Transform line and the Globals section
 * are carried over as they are, the transform is not run, and every Ref, GetAtt and Sub reference must name
 * something in the template), is compared with the synthesized {@link AutosyncStack}. A change made to one and
 * not the other fails here, with every difference listed.
 *
 * <p>How the two are made comparable:
 * <ul>
 *   <li>Each side is reduced to a {@link #view view}: a sorted map from a role ("function WebhookFunction", "queue
 *       EventsQueue", an alarm by namespace, metric and dimensions)
 *       to the settings that matter. The two views must be equal; {@link #differences} names each entry that is
 *       missing on one side or differs.</li>
 *   <li>References become text by role, so logical ids need not match: {@code Ref X} is {@code ${role}},
 *       {@code GetAtt X.Arn} is {@code ${role.Arn}}, {@code Fn::Sub} and {@code Fn::Join} concatenate; the CDK
 *       stack's literal stack name reads as {@code ${AWS::StackName}}. template.yaml's
 *       logical ids are the role names; the CDK stack's resources are given them by what they are (a function by
 *       its handler, a queue by the function consuming it, a DLQ by the redrive policy naming it, a log group by
 *       the function logging to it, a secret by its condition, other resources by their construct id).</li>
 *   <li>Resources SAM generates (roles, versions, aliases, permissions, the API's stage, routes and integrations)
 *       are compared through the SAM properties that generate them: Globals merged into each function as SAM
 *       does, IAM statements flattened to one line per action and resource (grouping does not matter), the
 *       managed policies SAM attaches (AWSLambdaBasicExecutionRole, X-Ray's with Tracing) against the CDK role's
 *       managed policy and X-Ray statements.</li>
 *   <li>The alias: template.yaml writes {@code !Sub "${ProcessorFunction.Alias}"}, which SAM resolves to the
 *       generated alias's Ref (its ARN) and CfnInclude reads as a GetAtt it does not check. Both sides read as
 *       {@code ${ProcessorFunction}:live}: SAM's form, the CDK alias's Ref, and CDK's {@code <name>:live} Join for
 *       a mapping. A plain {@code !Ref ProcessorFunctionAliaslive} would not load in CfnInclude (no such resource
 *       before the transform), and rewriting the text before including would hide what is deployed.</li>
 * </ul>
 */
class SamParityTest {

    /** The function roles, by handler: the same in both templates. */
    static final Map<String, String> FUNCTIONS = Map.of(
            "dev.autosync.webhook.WebhookHandler::handleRequest", "WebhookFunction",
            "dev.autosync.processing.ProcessorHandler::handleRequest", "ProcessorFunction",
            "dev.autosync.api.ApiHandler::handleRequest", "ApiFunction",
            "dev.autosync.sync.SyncScheduleHandler::handleRequest", "SyncFunction",
            "dev.autosync.sync.SyncTaskHandler::handleRequest", "SyncTasksFunction");

    /** The secrets the stack creates, by the condition creating them. */
    static final Map<String, String> SECRETS = Map.of(
            "CreateWebhookSecret", "WebhookSecret",
            "CreateApiTokensSecret", "ApiTokensSecret",
            "CreatePrivateKeySecret", "PrivateKeySecret");

    /**
     * Resource types SAM generates from its own resources' properties (compared through those), and CDK's
     * bookkeeping. Everything else is counted by type on both sides.
     */
    static final Set<String> GENERATED = Set.of("AWS::IAM::Role", "AWS::IAM::Policy", "AWS::Lambda::Version",
            "AWS::Lambda::Alias", "AWS::Lambda::Permission", "AWS::ApiGatewayV2::Api", "AWS::ApiGatewayV2::Stage",
            "AWS::ApiGatewayV2::Route", "AWS::ApiGatewayV2::Integration", "AWS::CDK::Metadata");

    /**
     * The CDK stack's name in this test. CDK writes a known stack name as text ({@code getStackName()}), where
     * template.yaml says {@code ${AWS::StackName}}: the CDK view reads this text as {@code ${AWS::StackName}}.
     */
    static final String CDK_STACK_NAME = "ParityStackName";

    private static Map<String, Object> sam;
    private static Map<String, Object> cdk;
    private static Map<String, Object> samView;
    private static Map<String, Object> cdkView;

    @BeforeAll
    static void loadBoth() throws Exception {
        Path templateYaml = CfnLintTest.repositoryRoot().resolve("template.yaml");
        Stack included = new Stack(new App(), "sam", StackProps.builder().build());
        CfnInclude.Builder.create(included, "Template").templateFile(templateYaml.toString()).build();
        sam = Template.fromStack(included).toJSON();
        if (!sam.containsKey("Globals")) {
            fail("CfnInclude dropped template.yaml's Globals section; the parity test merges it into each function");
        }
        cdk = Template.fromStack(new AutosyncStack(new App(), CDK_STACK_NAME, StackProps.builder().build(),
                AutosyncStackTest.placeholderCode())).toJSON();
        samView = view(sam, samRoles(sam), true);
        cdkView = view(cdk, cdkRoles(cdk), false);
        // For a reader of a failure: both views, side by side, under target/.
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        Path out = Path.of("target", "sam-parity");
        Files.createDirectories(out);
        json.writeValue(out.resolve("sam-view.json").toFile(), samView);
        json.writeValue(out.resolve("cdk-view.json").toFile(), cdkView);
        json.writeValue(out.resolve("sam-included.json").toFile(), sam);
        json.writeValue(out.resolve("cdk.json").toFile(), cdk);
    }

    @Test
    void samAndCdk_describeTheSameSystem() {
        List<String> differences = differences(samView, cdkView);
        assertEquals(List.of(), differences, differences.size() + " differences between template.yaml (SAM) and the"
                + " CDK stack (views in infra/target/sam-parity/):\n" + String.join("\n", differences));
    }

    /** One dashboard text: template.yaml embeds infra/src/main/resources/dashboard.json verbatim. */
    @Test
    void theDashboardBody_isDashboardJsonVerbatim() {
        Map<String, Object> dashboard = properties(resources(sam).get("Dashboard"));
        Object sub = map(dashboard.get("DashboardBody")).get("Fn::Sub");
        assertEquals(Operations.dashboardBody(), list(sub).get(0), "template.yaml's DashboardBody differs from"
                + " dashboard.json: paste the file into the !Sub's first element");
    }

    /** The comparison itself must see a one-sided change: change one setting on each side and expect the diff. */
    @Test
    void aChangeOnOneSide_isReportedWithWhatDiffers() {
        @SuppressWarnings("unchecked")
        Map<String, Object> changed = (Map<String, Object>) deepCopy(samView);
        @SuppressWarnings("unchecked")
        Map<String, Object> function = (Map<String, Object>) changed.get("function ProcessorFunction");
        function.put("MemorySize", "2048");
        List<String> differences = differences(changed, samView);
        assertEquals(1, differences.size(), differences.toString());
        assertTrue(differences.get(0).contains("function ProcessorFunction") && differences.get(0).contains("MemorySize")
                && differences.get(0).contains("2048"), differences.get(0));
    }

    @Test
    void bothViews_coverEveryKindOfResource() {
        for (Map<String, Object> view : List.of(samView, cdkView)) {
            for (String kind : List.of("parameter", "condition", "function", "mapping", "schedule", "queue", "table",
                    "secret", "log group", "http api", "topic", "alarm", "dashboard", "outputs", "resource counts")) {
                assertTrue(view.keySet().stream().anyMatch(key -> key.startsWith(kind)),
                        "no " + kind + " in " + (view == samView ? "template.yaml" : "the CDK stack"));
            }
        }
        assertEquals(5, samView.keySet().stream().filter(k -> k.startsWith("function ")).count());
    }

    // ---------------------------------------------------------------------------------------------------------
    // Roles: logical id -> role name.

    /** template.yaml: its logical ids are the role names. */
    static Map<String, String> samRoles(Map<String, Object> template) {
        Map<String, String> roles = new HashMap<>();
        resources(template).keySet().forEach(id -> roles.put(id, id));
        return roles;
    }

    /** The CDK stack: each resource by what it is (see the class comment); the rest by construct id. */
    static Map<String, String> cdkRoles(Map<String, Object> template) {
        Map<String, Map<String, Object>> resources = resources(template);
        Map<String, String> roles = new HashMap<>();
        resources.keySet().forEach(id -> roles.put(id, id.replaceAll("(?<=.)[0-9A-F]{8}$", "")));
        Map<String, String> functionByLogicalId = new HashMap<>();
        resources.forEach((id, resource) -> {
            if ("AWS::Lambda::Function".equals(resource.get("Type"))) {
                String role = FUNCTIONS.get(String.valueOf(properties(resource).get("Handler")));
                if (role != null) {
                    roles.put(id, role);
                    functionByLogicalId.put(id, role);
                    String executionRole = refTarget(properties(resource).get("Role"));
                    if (executionRole != null) {
                        roles.put(executionRole, role + "Role");
                    }
                    Object logGroup = map(properties(resource).get("LoggingConfig")).get("LogGroup");
                    if (refTarget(logGroup) != null) {
                        roles.put(refTarget(logGroup), role.replace("Function", "LogGroup"));
                    }
                }
            }
        });
        resources.forEach((id, resource) -> {
            if ("AWS::Lambda::Alias".equals(resource.get("Type"))) {
                String function = functionByLogicalId.get(refTarget(properties(resource).get("FunctionName")));
                if (function != null) {
                    roles.put(id, function + ".Alias");
                }
            }
            if ("AWS::SecretsManager::Secret".equals(resource.get("Type")) && SECRETS.containsKey(resource.get("Condition"))) {
                roles.put(id, SECRETS.get(resource.get("Condition")));
            }
            if ("AWS::ApiGatewayV2::Api".equals(resource.get("Type"))) {
                roles.put(id, "HttpApi");
            }
            if ("AWS::ApiGatewayV2::Stage".equals(resource.get("Type"))) {
                Object destination = map(properties(resource).get("AccessLogSettings")).get("DestinationArn");
                if (refTarget(destination) != null) {
                    roles.put(refTarget(destination), "HttpApiAccessLogs");
                }
            }
            if ("AWS::Events::Rule".equals(resource.get("Type"))) {
                roles.put(id, "PeriodicSync");
                for (Object target : list(properties(resource).get("Targets"))) {
                    String dlq = refTarget(map(map(target).get("DeadLetterConfig")).get("Arn"));
                    if (dlq != null) {
                        roles.put(dlq, "ScheduleDeadLetterQueue");
                    }
                }
            }
            if ("AWS::SNS::Topic".equals(resource.get("Type"))) {
                roles.put(id, "AlarmTopic");
            }
        });
        // Queues by their consumer (their alias's mapping), DLQs by the redrive policy naming them.
        resources.forEach((id, resource) -> {
            if ("AWS::Lambda::EventSourceMapping".equals(resource.get("Type"))) {
                String target = roles.get(anyRef(properties(resource).get("FunctionName")));
                String queue = refTarget(properties(resource).get("EventSourceArn"));
                if ("ProcessorFunction.Alias".equals(target)) {
                    roles.put(queue, "EventsQueue");
                    roles.put(id, "ProcessorEvents");
                } else if ("SyncTasksFunction.Alias".equals(target)) {
                    roles.put(queue, "SyncTasksQueue");
                    roles.put(id, "SyncTasksEvents");
                }
            }
        });
        resources.forEach((id, resource) -> {
            if ("AWS::SQS::Queue".equals(resource.get("Type"))) {
                String dlq = refTarget(map(properties(resource).get("RedrivePolicy")).get("deadLetterTargetArn"));
                if (dlq != null && roles.get(id).endsWith("Queue")) {
                    roles.put(dlq, roles.get(id).replaceAll("Queue$", "DeadLetterQueue"));
                }
            }
        });
        return roles;
    }

    // ---------------------------------------------------------------------------------------------------------
    // The view: role -> settings, references normalised.

    static Map<String, Object> view(Map<String, Object> template, Map<String, String> roles, boolean isSam) {
        Normaliser n = new Normaliser(roles, parameters(template).keySet(), isSam ? null : CDK_STACK_NAME);
        Map<String, Object> view = new TreeMap<>();
        Map<String, Map<String, Object>> resources = resources(template);

        parameters(template).forEach((name, definition) -> {
            if (!name.equals("BootstrapVersion")) {
                Map<String, Object> copy = new TreeMap<>(map(definition));
                copy.remove("Description");
                view.put("parameter " + name, n.normalise(copy));
            }
        });
        map(template.get("Conditions")).forEach((name, expression) -> {
            if (!name.equals("CDKMetadataAvailable")) {
                view.put("condition " + name, n.normalise(expression));
            }
        });
        map(template.get("Outputs")).forEach((name, output) -> view.put("outputs " + name,
                "condition " + map(output).getOrDefault("Condition", "none")));

        // Counts of the resources both declare themselves.
        Map<String, Integer> counts = new TreeMap<>();
        resources.values().forEach(resource -> {
            String type = String.valueOf(resource.get("Type")).replace("AWS::Serverless::Function", "AWS::Lambda::Function");
            if (!GENERATED.contains(type) && !type.startsWith("AWS::Serverless::")) {
                counts.merge(type, 1, Integer::sum);
            }
        });
        view.put("resource counts", n.normalise(counts));

        Map<String, Object> globals = map(map(template.get("Globals")).get("Function"));
        resources.forEach((id, resource) -> {
            String type = String.valueOf(resource.get("Type"));
            String role = roles.get(id);
            Map<String, Object> p = properties(resource);
            switch (type) {
                case "AWS::Serverless::Function" -> view.put("function " + role,
                        n.normalise(samFunction(mergeGlobals(globals, p), id, resource)));
                case "AWS::Lambda::Function" -> {
                    if (!isSam) {
                        view.put("function " + role, n.normalise(cdkFunction(template, roles, id, p, n)));
                    }
                }
                case "AWS::Lambda::EventSourceMapping" -> view.put("mapping " + n.normalise(p.get("FunctionName")),
                        n.normalise(p));
                case "AWS::Events::Rule" -> view.put("schedule " + role, n.normalise(rule(p)));
                case "AWS::SQS::Queue" -> view.put("queue " + role, n.normalise(withPolicies(p, resource)));
                case "AWS::SQS::QueuePolicy" -> {
                    for (Object queue : list(p.get("Queues"))) {
                        view.put("queue policy " + n.normalise(queue), n.normalise(
                                flatten(map(p.get("PolicyDocument")).get("Statement"), null)));
                    }
                }
                case "AWS::DynamoDB::Table" -> view.put("table " + role, n.normalise(table(p, resource)));
                case "AWS::SecretsManager::Secret" -> {
                    Map<String, Object> secret = new TreeMap<>(p);
                    secret.remove("Description");
                    secret.put("Condition", resource.get("Condition"));
                    view.put("secret " + role, n.normalise(withPolicies(secret, resource)));
                }
                case "AWS::Logs::LogGroup" -> view.put("log group " + role, n.normalise(withPolicies(p, resource)));
                case "AWS::Serverless::HttpApi" -> view.put("http api", n.normalise(stage(p)));
                case "AWS::ApiGatewayV2::Stage" -> view.put("http api", n.normalise(stage(p)));
                case "AWS::SNS::Topic" -> view.put("topic " + role, n.normalise(p));
                case "AWS::SNS::TopicPolicy" -> view.put("topic policy " + n.normalise(list(p.get("Topics"))),
                        n.normalise(flatten(map(p.get("PolicyDocument")).get("Statement"), null)));
                case "AWS::SNS::Subscription" -> {
                    Map<String, Object> subscription = new TreeMap<>(p);
                    subscription.put("Condition", resource.get("Condition"));
                    view.put("topic subscription " + n.normalise(p.get("Protocol")), n.normalise(subscription));
                }
                case "AWS::CloudWatch::Alarm" -> {
                    Map<String, Object> alarm = new TreeMap<>(p);
                    alarm.remove("AlarmDescription");
                    alarm.remove("AlarmName");
                    Object key = n.normalise(List.of(p.getOrDefault("Namespace", ""), p.getOrDefault("MetricName", ""),
                            dimensions(p.get("Dimensions"))));
                    view.put("alarm " + key, n.normalise(alarm));
                }
                case "AWS::CloudWatch::Dashboard" -> view.put("dashboard", n.normalise(p));
                // SAM generates the API's permissions (compared through the routes); the schedule's is explicit in
                // both, as the rule is.
                case "AWS::Lambda::Permission" -> {
                    if ("events.amazonaws.com".equals(p.get("Principal"))) {
                        view.put("permission events.amazonaws.com " + n.normalise(p.get("SourceArn")), n.normalise(p));
                    }
                }
                default -> {
                }
            }
        });
        return view;
    }

    /** SAM's Globals merged as SAM merges them: a function's own value wins; maps (Environment) merge. */
    static Map<String, Object> mergeGlobals(Map<String, Object> globals, Map<String, Object> function) {
        Map<String, Object> merged = new TreeMap<>(function);
        globals.forEach((key, value) -> {
            if (!merged.containsKey(key)) {
                merged.put(key, value);
            } else if (value instanceof Map<?, ?> && merged.get(key) instanceof Map<?, ?>) {
                merged.put(key, mergeMaps(map(value), map(merged.get(key))));
            }
        });
        return merged;
    }

    private static Map<String, Object> mergeMaps(Map<String, Object> global, Map<String, Object> local) {
        Map<String, Object> merged = new TreeMap<>(global);
        local.forEach((key, value) -> merged.merge(key, value, (g, l) -> g instanceof Map<?, ?> && l instanceof Map<?, ?>
                ? mergeMaps(map(g), map(l)) : l));
        return merged;
    }

    /** What a SAM function deploys as: its settings, its role's statements, its HTTP routes. */
    static Map<String, Object> samFunction(Map<String, Object> p, String id, Map<String, Object> resource) {
        Map<String, Object> f = functionSettings(p.get("Handler"), p.get("Runtime"), p.get("Architectures"),
                p.get("MemorySize"), p.get("Timeout"), p.get("SnapStart"), p.get("Tracing"),
                map(p.get("Environment")).get("Variables"), p.get("LoggingConfig"), p.get("AutoPublishAlias"));
        List<String> managed = new ArrayList<>();
        managed.add("managed AWSLambdaBasicExecutionRole"); // SAM attaches it to every role it generates
        if ("Active".equals(p.get("Tracing"))) {
            managed.add("managed X-Ray write (Tracing Active)");
        }
        List<Object> statements = new ArrayList<>();
        for (Object policy : list(p.get("Policies"))) {
            if (map(policy).containsKey("Statement")) {
                statements.addAll(flatten(map(policy).get("Statement"), null));
            } else {
                managed.add("SAM policy template or managed policy: " + policy);
            }
        }
        f.put("managed policies", managed);
        f.put("statements", statements);
        List<String> routes = new ArrayList<>();
        List<String> otherEvents = new ArrayList<>();
        map(p.get("Events")).forEach((name, event) -> {
            Map<String, Object> e = map(event);
            Map<String, Object> ep = map(e.get("Properties"));
            if ("HttpApi".equals(e.get("Type"))) {
                routes.add(ep.get("Method") + " " + ep.get("Path") + " on " + ref(ep.get("ApiId")) + " to the alias");
            } else {
                otherEvents.add(name + ": " + e.get("Type"));
            }
        });
        f.put("routes", new TreeSet<>(routes));
        f.put("other SAM events", otherEvents);
        return f;
    }

    /** The CDK function with what SAM would generate from its properties: role statements, alias, routes. */
    static Map<String, Object> cdkFunction(Map<String, Object> template, Map<String, String> roles, String id,
            Map<String, Object> p, Normaliser n) {
        Map<String, Map<String, Object>> resources = resources(template);
        String alias = null;
        for (Map.Entry<String, Map<String, Object>> r : resources.entrySet()) {
            if ("AWS::Lambda::Alias".equals(r.getValue().get("Type"))
                    && id.equals(refTarget(properties(r.getValue()).get("FunctionName")))) {
                alias = String.valueOf(properties(r.getValue()).get("Name"));
            }
        }
        Object tracing = map(p.get("TracingConfig")).get("Mode");
        Map<String, Object> f = functionSettings(p.get("Handler"), p.get("Runtime"), p.get("Architectures"),
                p.get("MemorySize"), p.get("Timeout"), p.get("SnapStart"), tracing,
                map(p.get("Environment")).get("Variables"), p.get("LoggingConfig"), alias);
        String executionRole = refTarget(p.get("Role"));
        Map<String, Object> role = resources.getOrDefault(executionRole, Map.of());
        List<String> managed = new ArrayList<>();
        for (Object arn : list(properties(role).get("ManagedPolicyArns"))) {
            String text = String.valueOf(n.normalise(arn));
            managed.add(text.endsWith(":iam::aws:policy/service-role/AWSLambdaBasicExecutionRole")
                    ? "managed AWSLambdaBasicExecutionRole" : "managed " + text);
        }
        List<Object> statements = new ArrayList<>();
        boolean xray = false;
        for (Map<String, Object> r : resources.values()) {
            if ("AWS::IAM::Policy".equals(r.get("Type")) && list(properties(r).get("Roles")).stream()
                    .anyMatch(x -> executionRole != null && executionRole.equals(refTarget(x)))) {
                for (Object statement : list(map(properties(r).get("PolicyDocument")).get("Statement"))) {
                    Object actions = map(statement).get("Action");
                    if (List.of("xray:PutTraceSegments", "xray:PutTelemetryRecords").equals(actions)
                            && "*".equals(map(statement).get("Resource"))) {
                        xray = true; // what SAM's Tracing: Active attaches (its managed X-Ray policy)
                        continue;
                    }
                    statements.addAll(flatten(List.of(statement), (String) r.get("Condition")));
                }
            }
        }
        if (xray) {
            managed.add("managed X-Ray write (Tracing Active)");
        }
        f.put("managed policies", managed);
        f.put("statements", statements);
        // Routes: integrations whose URI is this function's alias; routes targeting those integrations.
        List<String> routes = new ArrayList<>();
        resources.forEach((integrationId, integration) -> {
            if ("AWS::ApiGatewayV2::Integration".equals(integration.get("Type"))) {
                String target = roles.get(refTarget(properties(integration).get("IntegrationUri")));
                if (target != null && target.startsWith(roles.get(id))) {
                    resources.forEach((routeId, route) -> {
                        if ("AWS::ApiGatewayV2::Route".equals(route.get("Type"))
                                && String.valueOf(properties(route).get("Target")).contains(integrationId)) {
                            routes.add(properties(route).get("RouteKey") + " on "
                                    + roles.get(ref(properties(route).get("ApiId")))
                                    + (target.endsWith(".Alias") ? " to the alias" : " to " + target));
                        }
                    });
                }
            }
        });
        f.put("routes", new TreeSet<>(routes));
        f.put("other SAM events", List.of());
        return f;
    }

    private static Map<String, Object> functionSettings(Object handler, Object runtime, Object architectures,
            Object memory, Object timeout, Object snapStart, Object tracing, Object environment, Object logging,
            Object alias) {
        Map<String, Object> f = new TreeMap<>();
        f.put("Handler", handler);
        f.put("Runtime", runtime);
        f.put("Architectures", architectures);
        f.put("MemorySize", memory);
        f.put("Timeout", timeout);
        f.put("SnapStart", snapStart);
        f.put("Tracing", tracing == null ? "PassThrough (default)" : tracing);
        f.put("Environment", environment);
        f.put("LoggingConfig", logging);
        f.put("alias", alias);
        return f;
    }

    private static Map<String, Object> rule(Map<String, Object> p) {
        Map<String, Object> rule = new TreeMap<>();
        rule.put("ScheduleExpression", p.get("ScheduleExpression"));
        rule.put("State", p.getOrDefault("State", "ENABLED"));
        List<Object> targets = new ArrayList<>();
        for (Object target : list(p.get("Targets"))) {
            Map<String, Object> t = new TreeMap<>(map(target));
            t.remove("Id"); // CDK numbers its targets (Target0); SAM's is a name
            targets.add(t);
        }
        rule.put("Targets", targets);
        return rule;
    }

    private static Map<String, Object> table(Map<String, Object> p, Map<String, Object> resource) {
        Map<String, Object> table = withPolicies(p, resource);
        List<String> attributes = new ArrayList<>();
        list(p.get("AttributeDefinitions")).forEach(a -> attributes.add(map(a).get("AttributeName") + " "
                + map(a).get("AttributeType")));
        table.put("AttributeDefinitions", new TreeSet<>(attributes));
        List<Object> indexes = new ArrayList<>(list(p.get("GlobalSecondaryIndexes")));
        indexes.sort((a, b) -> String.valueOf(map(a).get("IndexName")).compareTo(String.valueOf(map(b).get("IndexName"))));
        table.put("GlobalSecondaryIndexes", indexes);
        return table;
    }

    /** The API's default stage settings: SAM's HttpApi properties, CDK's Stage. */
    private static Map<String, Object> stage(Map<String, Object> p) {
        Map<String, Object> stage = new TreeMap<>();
        stage.put("AccessLogSettings", p.get("AccessLogSettings"));
        stage.put("DefaultRouteSettings", p.get("DefaultRouteSettings"));
        return stage;
    }

    /** Properties plus the deletion policies (CloudFormation's default Delete when absent). */
    private static Map<String, Object> withPolicies(Map<String, Object> p, Map<String, Object> resource) {
        Map<String, Object> copy = new TreeMap<>(p);
        copy.put("DeletionPolicy", resource.getOrDefault("DeletionPolicy", "Delete"));
        copy.put("UpdateReplacePolicy", resource.getOrDefault("UpdateReplacePolicy", "Delete"));
        return copy;
    }

    private static Object dimensions(Object dimensions) {
        Map<String, Object> byName = new TreeMap<>();
        list(dimensions).forEach(d -> byName.put(String.valueOf(map(d).get("Name")), map(d).get("Value")));
        return byName;
    }

    /**
     * IAM statements as one entry per effect, action and resource (grouping and Sid do not matter), each with its
     * principal and condition; a statement under {@code Fn::If [c, s, AWS::NoValue]} or in a policy with a
     * Condition carries "when c".
     */
    static List<Object> flatten(Object statements, String when) {
        List<Object> flat = new ArrayList<>();
        for (Object statement : list(statements)) {
            Map<String, Object> s = map(statement);
            if (s.containsKey("Fn::If")) {
                List<Object> branches = list(s.get("Fn::If"));
                flat.addAll(flatten(List.of(branches.get(1)), String.valueOf(branches.get(0))));
                Object otherwise = branches.get(2);
                if (!(otherwise instanceof Map<?, ?> m && "AWS::NoValue".equals(m.get("Ref")))) {
                    flat.addAll(flatten(List.of(otherwise), "not " + branches.get(0)));
                }
                continue;
            }
            for (Object action : listOrOne(s.get("Action"))) {
                for (Object resource : listOrOne(s.get("Resource"))) {
                    Map<String, Object> entry = new TreeMap<>();
                    entry.put("Effect", s.get("Effect"));
                    entry.put("Action", action);
                    entry.put("Resource", resource);
                    if (s.containsKey("Principal")) {
                        entry.put("Principal", s.get("Principal"));
                    }
                    if (s.containsKey("Condition")) {
                        entry.put("Condition", s.get("Condition"));
                    }
                    if (when != null) {
                        entry.put("when", when);
                    }
                    flat.add(entry);
                }
            }
        }
        return flat;
    }

    // ---------------------------------------------------------------------------------------------------------
    // Normalising values.

    /** Turns a template value into comparable text and collections, references by role. */
    static final class Normaliser {
        private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}!]+)}");
        private final Map<String, String> roles;
        private final Set<String> parameters;
        private final String literalStackName;

        Normaliser(Map<String, String> roles, Set<String> parameters, String literalStackName) {
            this.roles = roles;
            this.parameters = parameters;
            this.literalStackName = literalStackName;
        }

        Object normalise(Object value) {
            if (value == null) {
                return null;
            }
            if (value instanceof Number number) {
                double d = number.doubleValue();
                return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
            }
            if (value instanceof String text) {
                return literalStackName == null ? text : text.replace(literalStackName, "${AWS::StackName}");
            }
            if (value instanceof Boolean) {
                return String.valueOf(value);
            }
            if (value instanceof Set<?> set) {
                TreeSet<String> out = new TreeSet<>();
                set.forEach(v -> out.add(String.valueOf(normalise(v))));
                return out;
            }
            if (value instanceof List<?> list) {
                List<Object> out = new ArrayList<>();
                list.forEach(v -> out.add(normalise(v)));
                // Statement lists and other sets of entries: order does not matter.
                if (!out.isEmpty() && out.stream().allMatch(o -> o instanceof Map<?, ?>)
                        && out.stream().anyMatch(o -> ((Map<?, ?>) o).containsKey("Effect"))) {
                    TreeSet<String> sorted = new TreeSet<>();
                    out.forEach(o -> sorted.add(String.valueOf(o)));
                    return sorted;
                }
                return out;
            }
            Map<String, Object> m = map(value);
            if (m.size() == 1) {
                String key = m.keySet().iterator().next();
                Object argument = m.get(key);
                switch (key) {
                    case "Ref": {
                        String role = role(String.valueOf(argument));
                        // An alias's Ref is its ARN: the function's, qualified with the alias name.
                        return role.endsWith(".Alias") ? aliasText(role.substring(0, role.length() - ".Alias".length()))
                                : "${" + role + "}";
                    }
                    case "Fn::Select": {
                        // CDK's "<function name>:live" for a mapping: element 6 of the alias ARN split at ':'.
                        List<Object> parts = list(argument);
                        Object split = map(parts.get(1)).get("Fn::Split");
                        String alias = split == null ? null : refTarget(list(split).get(1));
                        if (alias != null && "6".equals(String.valueOf(normalise(parts.get(0))))
                                && role(alias).endsWith(".Alias")) {
                            return "${" + role(alias).substring(0, role(alias).length() - ".Alias".length()) + "}";
                        }
                        break;
                    }
                    case "Fn::GetAtt": {
                        List<Object> parts = argument instanceof String s ? List.of(s.split("\\.", 2)) : list(argument);
                        return "${" + role(String.valueOf(parts.get(0))) + "." + parts.get(1) + "}";
                    }
                    case "Fn::Sub": {
                        if (argument instanceof String s) {
                            return sub(s);
                        }
                        List<Object> parts = list(argument);
                        Map<String, Object> variables = new TreeMap<>();
                        map(parts.get(1)).forEach((k, v) -> variables.put(k, normalise(v)));
                        return Map.of("Fn::Sub", sub(String.valueOf(parts.get(0)), variables.keySet()),
                                "variables", variables);
                    }
                    case "Fn::Join": {
                        List<Object> parts = list(argument);
                        StringBuilder joined = new StringBuilder();
                        List<Object> items = list(parts.get(1));
                        for (int i = 0; i < items.size(); i++) {
                            Object item = normalise(items.get(i));
                            if (!(item instanceof String)) {
                                return Map.of("Fn::Join", normalise(argument));
                            }
                            joined.append(i == 0 ? "" : parts.get(0)).append(item);
                        }
                        return joined.toString();
                    }
                    default:
                }
            }
            Map<String, Object> out = new TreeMap<>();
            m.forEach((k, v) -> out.put(k, normalise(v)));
            return out;
        }

        private String sub(String text) {
            return sub(text, Set.of());
        }

        /** Fn::Sub text with each reference by role (variables given to the Sub stay as they are). */
        private String sub(String text, Set<String> variables) {
            Matcher matcher = SUB_VARIABLE.matcher(text);
            StringBuilder out = new StringBuilder();
            while (matcher.find()) {
                String reference = matcher.group(1);
                String replacement;
                if (variables.contains(reference)) {
                    replacement = "${" + reference + "}";
                } else if (reference.contains(".")) {
                    String target = reference.substring(0, reference.indexOf('.'));
                    String attribute = reference.substring(reference.indexOf('.') + 1);
                    // SAM's ${XFunction.Alias}: the generated alias, whose Ref is its ARN, as the CDK alias's Ref.
                    replacement = attribute.equals("Alias") ? aliasText(role(target))
                            : "${" + role(target) + "." + attribute + "}";
                } else {
                    replacement = "${" + role(reference) + "}";
                }
                matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
            }
            matcher.appendTail(out);
            return out.toString();
        }

        /** A function's alias as SAM's AutoPublishAlias and the CDK stack both name it. */
        private static String aliasText(String function) {
            return "${" + function + "}:" + AutosyncStack.ALIAS;
        }

        private String role(String logicalId) {
            if (logicalId.startsWith("AWS::") || parameters.contains(logicalId)) {
                return logicalId;
            }
            return roles.getOrDefault(logicalId, "unknown:" + logicalId);
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Comparing views.

    /** One line per role missing on a side or whose settings differ, naming the differing settings. */
    static List<String> differences(Map<String, Object> samSide, Map<String, Object> cdkSide) {
        List<String> differences = new ArrayList<>();
        Set<String> keys = new TreeSet<>(samSide.keySet());
        keys.addAll(cdkSide.keySet());
        for (String key : keys) {
            if (!cdkSide.containsKey(key)) {
                differences.add("only in template.yaml: " + key + " = " + samSide.get(key));
            } else if (!samSide.containsKey(key)) {
                differences.add("only in the CDK stack: " + key + " = " + cdkSide.get(key));
            } else if (!Objects.equals(samSide.get(key), cdkSide.get(key))) {
                differences.add("differs: " + key + detail(samSide.get(key), cdkSide.get(key), ""));
            }
        }
        return differences;
    }

    private static String detail(Object sam, Object cdk, String path) {
        if (sam instanceof Map<?, ?> s && cdk instanceof Map<?, ?> c) {
            StringBuilder out = new StringBuilder();
            Set<String> keys = new TreeSet<>();
            s.keySet().forEach(k -> keys.add(String.valueOf(k)));
            c.keySet().forEach(k -> keys.add(String.valueOf(k)));
            for (String k : keys) {
                if (!Objects.equals(s.get(k), c.get(k))) {
                    out.append(detail(s.get(k), c.get(k), path + "/" + k));
                }
            }
            return out.toString();
        }
        if (sam instanceof Set<?> s && cdk instanceof Set<?> c) {
            TreeSet<String> onlySam = new TreeSet<>();
            s.forEach(x -> onlySam.add(String.valueOf(x)));
            c.forEach(x -> onlySam.remove(String.valueOf(x)));
            TreeSet<String> onlyCdk = new TreeSet<>();
            c.forEach(x -> onlyCdk.add(String.valueOf(x)));
            s.forEach(x -> onlyCdk.remove(String.valueOf(x)));
            return "\n    " + path + ": only in template.yaml " + onlySam + "; only in CDK " + onlyCdk;
        }
        return "\n    " + path + ": template.yaml " + sam + " | CDK " + cdk;
    }

    // ---------------------------------------------------------------------------------------------------------
    // Template access.

    static Map<String, Map<String, Object>> resources(Map<String, Object> template) {
        Map<String, Map<String, Object>> resources = new LinkedHashMap<>();
        map(template.get("Resources")).forEach((id, resource) -> resources.put(id, map(resource)));
        return resources;
    }

    static Map<String, Object> parameters(Map<String, Object> template) {
        return map(template.get("Parameters"));
    }

    static Map<String, Object> properties(Map<String, Object> resource) {
        return map(resource.get("Properties"));
    }

    /** The logical id a {@code Ref} or {@code GetAtt} names, or null. */
    static String refTarget(Object value) {
        Map<String, Object> m = map(value);
        if (m.get("Ref") instanceof String s) {
            return s;
        }
        if (m.containsKey("Fn::GetAtt")) {
            Object argument = m.get("Fn::GetAtt");
            return argument instanceof String s ? s.split("\\.")[0] : String.valueOf(list(argument).get(0));
        }
        return null;
    }

    /** The first logical id referenced anywhere in a value (the alias inside CDK's Join/Select/Split), or null. */
    static String anyRef(Object value) {
        String direct = refTarget(value);
        if (direct != null) {
            return direct;
        }
        for (Object child : value instanceof Map<?, ?> m ? m.values() : list(value)) {
            String found = anyRef(child);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private static String ref(Object value) {
        String target = refTarget(value);
        return target == null ? String.valueOf(value) : target;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object value) {
        return value instanceof List<?> l ? (List<Object>) l : List.of();
    }

    private static List<Object> listOrOne(Object value) {
        return value instanceof List<?> ? list(value) : java.util.Collections.singletonList(value);
    }

    private static Object deepCopy(Object value) {
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> copy = new TreeMap<>();
            m.forEach((k, v) -> copy.put(String.valueOf(k), deepCopy(v)));
            return copy;
        }
        if (value instanceof List<?> l) {
            return new ArrayList<>(l.stream().map(SamParityTest::deepCopy).toList());
        }
        if (value instanceof Set<?> s) {
            return new TreeSet<>(s.stream().map(String::valueOf).toList());
        }
        return value;
    }
}
